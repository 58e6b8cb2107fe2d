import { type UserWorkspaceConfig } from "vitest/config";
export declare const alias: {
    find: RegExp;
    replacement: string;
}[];
export declare const project: (name: string, test?: UserWorkspaceConfig["test"]) => UserWorkspaceConfig;
//# sourceMappingURL=vitest.shared.d.ts.map