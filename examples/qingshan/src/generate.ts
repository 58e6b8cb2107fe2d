/**
 * The Qingshan District (青山区, Wuhan) example dataset: the article's real counts (10 streets,
 * 119 communities/villages, 233 city- and district-level members) and names where the article gives
 * them; everything else is synthetic, drawn from a seeded generator so the same seed always gives
 * byte-identical output.
 *
 * Members are not yet placed in liaison committees, no leader guides a street and no special
 * committee contacts one: the assignment engine computes those.
 */
import type { District } from "@tongxin/core"

/** The seed of the committed dataset. */
export const defaultSeed = 20250101

/** The year the simulated activities and submissions fall in. */
export const year = 2025

type Data = District.DistrictDataEncoded
type Json = Record<string, unknown>

// mulberry32: tiny, fast, and identical on every platform, which is all a fixture needs. The
// benchmarks use it too.
export const prng = (seed: number) => {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1))
  const pick = <A>(xs: ReadonlyArray<A>): A => xs[Math.floor(next() * xs.length)]!
  const chance = (p: number) => next() < p
  const sample = <A>(xs: ReadonlyArray<A>, n: number): Array<A> => {
    const copy = [...xs]
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1))
      ;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
    }
    return copy.slice(0, Math.min(n, copy.length))
  }
  return { next, int, pick, chance, sample }
}

/** Qingshan's ten streets, with how many communities and villages each gets in the example. */
export const streets: ReadonlyArray<{ key: string; name: string; en: string; communities: number; villages: number }> =
  [
    { key: "hongweilu", name: "红卫路街道", en: "Hongweilu Street", communities: 12, villages: 0 },
    { key: "yejin", name: "冶金街道", en: "Yejin Street", communities: 12, villages: 0 },
    { key: "xingouqiao", name: "新沟桥街道", en: "Xingouqiao Street", communities: 11, villages: 0 },
    { key: "honggangcheng", name: "红钢城街道", en: "Honggangcheng Street", communities: 14, villages: 0 },
    { key: "gongrencun", name: "工人村街道", en: "Gongrencun Street", communities: 11, villages: 0 },
    { key: "qingshanzhen", name: "青山镇街道", en: "Qingshanzhen Street", communities: 12, villages: 2 },
    { key: "changqian", name: "厂前街道", en: "Changqian Street", communities: 12, villages: 0 },
    { key: "wudong", name: "武东街道", en: "Wudong Street", communities: 7, villages: 3 },
    { key: "baiyushan", name: "白玉山街道", en: "Baiyushan Street", communities: 12, villages: 0 },
    { key: "ganghuacun", name: "钢花村街道", en: "Ganghuacun Street", communities: 11, villages: 0 },
  ]

const sectors: ReadonlyArray<[string, string, string]> = [
  ["cpc", "中国共产党", "Communist Party of China"],
  ["democratic-parties", "民主党派", "Democratic parties"],
  ["non-party", "无党派人士", "Non-party personages"],
  ["youth-league", "共青团和青联", "Communist Youth League and Youth Federation"],
  ["trade-unions", "总工会", "Trade unions"],
  ["women", "妇联", "Women's Federation"],
  ["industry-commerce", "工商联", "Federation of Industry and Commerce"],
  ["science-association", "科协", "Association for Science and Technology"],
  ["economy", "经济界", "Economy"],
  ["agriculture", "农业和农村界", "Agriculture and rural affairs"],
  ["education", "教育界", "Education"],
  ["science-technology", "科学技术界", "Science and technology"],
  ["culture-arts", "文化艺术界", "Culture and the arts"],
  ["medicine-health", "医药卫生界", "Medicine and health"],
  ["social-welfare", "社会福利和社会保障界", "Social welfare and social security"],
  ["ethnic-religious", "少数民族和宗教界", "Ethnic minorities and religions"],
  ["invited", "特别邀请人士", "Specially invited"],
]
const sectorWeights = [14, 22, 6, 8, 6, 6, 18, 5, 24, 6, 18, 10, 10, 18, 8, 4, 10]

const specialCommittees: ReadonlyArray<[string, string, string]> = [
  ["proposals", "提案委员会", "Proposals Committee"],
  ["economy", "经济和科技委员会", "Economy and Technology Committee"],
  ["environment", "人口资源环境委员会", "Population, Resources and Environment Committee"],
  ["education-health", "教科卫体委员会", "Education, Science, Health and Sports Committee"],
  ["society-law", "社会和法制委员会", "Society and Legal Affairs Committee"],
  ["culture-history", "文化文史和学习委员会", "Culture, History and Study Committee"],
  ["member-work", "委员工作委员会", "Member Work Committee"],
]

const surnames = [
  ..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万严武戴孔汤",
]
const givenChars = [
  ..."伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力清飞斌宇浩凯健俊帆帅旭宁龙林欣婷雪琳晨阳佳怡志国海峰鹏波荣新春晓云涵悦瑞博航",
]
const placeWords = [..."和平建新友谊红钢青光明康乐安宁兴华园林湖苑港桥星月春秋翠锦阳山河松柏桃李江滨铁丰泰祥瑞福顺"]

const pad = (n: number, width = 3) => String(n).padStart(width, "0")
const date = (month: number, day: number) => `${year}-${pad(month, 2)}-${pad(day, 2)}`
const daysIn = (month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate()

/** Builds the dataset for a seed, in the encoded (JSON) form. */
export const generate = (seed: number = defaultSeed): Data => {
  const r = prng(seed)
  const randomDate = (fromMonth = 1, toMonth = 12) => {
    const m = r.int(fromMonth, toMonth)
    return date(m, r.int(1, daysIn(m)))
  }

  // --- units and platforms ---------------------------------------------------------------------
  const units: Array<Json> = []
  const platforms: Array<Json> = []
  const communitiesOf = new Map<string, Array<string>>()
  const usedPlaceNames = new Set<string>(["光明", "青和居"])
  const placeName = () => {
    for (;;) {
      const name = r.pick(placeWords) + r.pick(placeWords)
      if (name[0] !== name[1] && !usedPlaceNames.has(name)) {
        usedPlaceNames.add(name)
        return name
      }
    }
  }
  for (const s of streets) {
    const streetId = `street-${s.key}`
    units.push({ id: streetId, kind: "street", name: s.name, nameEn: s.en })
    platforms.push({
      id: `platform-${s.key}`,
      unitId: streetId,
      name: `${s.name.replace("街道", "")}“青山同心·有事好商量”平台`,
      activeFrom: `${year - 1}-${pad(r.int(3, 9), 2)}-01`,
    })
    const children: Array<string> = []
    for (let i = 1; i <= s.communities + s.villages; i++) {
      const village = i > s.communities
      const id = `${village ? "village" : "community"}-${s.key}-${pad(i, 2)}`
      const base =
        s.key === "xingouqiao" && i === 1 ? "光明" : s.key === "ganghuacun" && i === 1 ? "青和居" : placeName()
      const name = `${base}${village ? "村" : "社区"}`
      units.push({ id, kind: village ? "village" : "community", name, parentId: streetId })
      platforms.push({
        id: `platform-${id}`,
        unitId: id,
        name: `${name}协商议事室`,
        activeFrom: `${year - 1}-${pad(r.int(3, 12), 2)}-01`,
      })
      children.push(id)
    }
    communitiesOf.set(streetId, children)
  }
  const streetIds = streets.map((s) => `street-${s.key}`)
  const allCommunities = streetIds.flatMap((s) => communitiesOf.get(s)!)
  const streetOf = new Map<string, string>()
  for (const s of streetIds) for (const c of communitiesOf.get(s)!) streetOf.set(c, s)

  // --- members ---------------------------------------------------------------------------------
  const usedNames = new Set<string>()
  const personName = (): string => {
    for (;;) {
      const name = r.pick(surnames) + r.pick(givenChars) + (r.chance(0.7) ? r.pick(givenChars) : "")
      if (!usedNames.has(name)) {
        usedNames.add(name)
        return name
      }
    }
  }
  const fixedNames = new Map<number, string>([
    [1, "杨新"], // the chairman quoted in the article
    [20, "黄荷婷"], // 黄荷婷委员工作室
    [21, "李军"], // 李军委员工作室
  ])
  for (const n of fixedNames.values()) usedNames.add(n)
  const weightedSector = () => {
    let x = r.next() * sectorWeights.reduce((a, b) => a + b, 0)
    for (let i = 0; i < sectors.length; i++) if ((x -= sectorWeights[i]!) < 0) return sectors[i]![0]
    return sectors[sectors.length - 1]![0]
  }
  const members: Array<Json> = []
  const homeStreet = new Map<string, string>()
  const memberIds: Array<string> = []
  for (let i = 1; i <= 233; i++) {
    const id = `m${pad(i)}`
    memberIds.push(id)
    const chairmansMeeting = i <= 8
    const sector = chairmansMeeting ? (i <= 5 ? "cpc" : r.pick(["democratic-parties", "non-party"])) : weightedSector()
    const partyMember =
      sector === "cpc" || sector === "youth-league"
        ? true
        : sector === "democratic-parties" || sector === "non-party" || sector === "ethnic-religious"
          ? false
          : r.chance(0.45)
    const residence = r.pick(allCommunities)
    homeStreet.set(id, streetOf.get(residence)!)
    const works = r.chance(0.72)
    const workUnit = works ? (r.chance(0.6) ? residence : r.pick(allCommunities)) : undefined
    const member: Json = {
      id,
      name: fixedNames.get(i) ?? personName(),
      gender: i === 20 ? "female" : i === 1 || i === 21 ? "male" : r.chance(0.38) ? "female" : "male",
      level: i <= 38 && !chairmansMeeting ? "city" : "district",
      sector,
      partyMember,
      standingCommittee: chairmansMeeting || r.chance(0.15),
      chairmansMeeting,
      specialCommitteeIds: chairmansMeeting || r.chance(0.35) ? [] : [`sc-${r.pick(specialCommittees)[0]}`],
      residenceUnitId: residence,
    }
    if (workUnit !== undefined) member["workUnitId"] = workUnit
    member["employer"] = employerFor(sector, r)
    members.push(member)
  }
  const memberById = new Map(members.map((m) => [m["id"] as string, m]))
  const isDistrictLevel = (id: string) => memberById.get(id)!["level"] === "district"
  const membersHomeIn = (street: string) => memberIds.filter((m) => homeStreet.get(m) === street)

  // --- committees, branches, special committees, studios ---------------------------------------
  const committees = streets.map((s) => ({
    id: `committee-${s.key}`,
    streetId: `street-${s.key}`,
    name: `${s.name}政协联络委员会`,
    head: personName(),
    memberIds: [],
  }))
  const firstSecretaries = r.sample(
    memberIds.filter(
      (m) => memberById.get(m)!["partyMember"] === true && memberById.get(m)!["standingCommittee"] === true,
    ),
    streets.length,
  )
  const partyBranches = streets.map((s, i) => ({
    id: `branch-${s.key}`,
    kind: "functional",
    name: `${s.name}政协联络委功能型党支部`,
    committeeIds: [`committee-${s.key}`],
    firstSecretary: { name: memberById.get(firstSecretaries[i]!)!["name"], memberId: firstSecretaries[i] },
    memberIds: [],
  }))
  const specials = specialCommittees.map(([key, name, en]) => ({ id: `sc-${key}`, name, nameEn: en, streetIds: [] }))

  const studioThemes: ReadonlyArray<[string, string]> = [
    ["助企纾困", "Helping companies through hard times"],
    ["青山三宝特色农产品", "The 'three treasures of Qingshan' farm products"],
    ["老旧小区改造", "Old-estate renovation"],
    ["社区养老服务", "Community elderly care"],
    ["法律援助", "Legal aid"],
    ["青少年心理健康", "Youth mental health"],
    ["垃圾分类", "Waste sorting"],
    ["非遗传承", "Intangible heritage"],
    ["基层医疗", "Primary health care"],
    ["文明实践", "Civic practice"],
    ["就业创业", "Jobs and start-ups"],
    ["口袋公园建设", "Pocket parks"],
  ]
  const studios = studioThemes.map(([theme], i) => {
    const lead = i === 0 ? "m020" : i === 1 ? "m021" : memberIds[30 + i * 7]!
    const street = homeStreet.get(lead)!
    const unitId = i === 1 ? "village-wudong-08" : r.pick(communitiesOf.get(street)!)
    const others = r
      .sample(
        memberIds.filter((m) => m !== lead),
        r.int(3, 6),
      )
      .sort()
    return {
      id: `studio-${pad(i + 1, 2)}`,
      name: `${memberById.get(lead)!["name"]}委员工作室`,
      leadMemberId: lead,
      memberIds: others,
      theme,
      unitId,
      establishedOn: `${year - 1 - r.int(0, 2)}-${pad(r.int(1, 12), 2)}-01`,
    }
  })

  // --- activities ------------------------------------------------------------------------------
  const activities: Array<Json> = []
  let activitySeq = 0
  const attendanceOf = (ids: ReadonlyArray<string>, presence: number, halfDays: number): Array<Json> =>
    [...ids].sort().map((memberId) => {
      const x = r.next()
      const status =
        x < presence
          ? r.chance(0.04)
            ? "late"
            : "present"
          : halfDays > 1 && r.chance(0.4)
            ? "partial"
            : r.chance(0.72)
              ? "excused"
              : "unexcused"
      const row: Json = { memberId, status }
      if (status === "partial") row["halfDays"] = r.int(1, halfDays - 1)
      if ((status === "present" || status === "late") && r.chance(0.12))
        row["speech"] = r.chance(0.5) ? "written" : "oral"
      return row
    })
  const addActivity = (a: Json & { attendees: ReadonlyArray<string>; presence: number }) => {
    const { attendees, presence, ...rest } = a
    const halfDays = (rest["halfDays"] as number | undefined) ?? 1
    activities.push({
      id: `a${pad(++activitySeq, 4)}`,
      ...rest,
      halfDays,
      attendance: attendanceOf(attendees, presence, halfDays),
    })
  }

  const districtMembers = memberIds.filter(isDistrictLevel)
  const standing = memberIds.filter((m) => memberById.get(m)!["standingCommittee"] === true && isDistrictLevel(m))
  addActivity({
    type: "plenary",
    title: `政协武汉市青山区第十五届委员会第五次会议`,
    date: date(1, 8),
    halfDays: 5,
    organiser: { kind: "district" },
    attendees: districtMembers,
    presence: 0.93,
  })
  for (const [q, month] of [
    [1, 3],
    [2, 6],
    [3, 9],
    [4, 12],
  ] as const) {
    addActivity({
      type: "standing-committee",
      title: `区政协常委会第${q}次（季度）会议`,
      date: date(month, r.int(10, 25)),
      organiser: { kind: "district" },
      attendees: standing,
      presence: 0.9,
    })
  }
  addActivity({
    type: "training",
    title: "新时代政协委员履职能力提升培训",
    date: date(3, 20),
    organiser: { kind: "district" },
    attendees: memberIds,
    presence: 0.82,
  })
  addActivity({
    type: "offsite-training",
    title: "委员异地学习培训班",
    date: date(7, 14),
    halfDays: 6,
    organiser: { kind: "special-committee", id: "sc-member-work" },
    attendees: r.sample(memberIds, 48),
    presence: 0.88,
  })
  addActivity({
    type: "reading",
    title: "“书香政协-香溢钢城”委员读书活动启动",
    date: date(4, 23),
    organiser: { kind: "district" },
    attendees: r.sample(memberIds, 120),
    presence: 0.85,
  })

  const committeeTypes = [
    "liaison-meeting",
    "liaison-meeting",
    "liaison-meeting",
    "liaison-meeting",
    "research",
    "research",
    "frontline-consultation",
    "consultation",
    "consultation",
    "inspection",
    "reading",
  ] as const
  const typeTitles: Record<string, string> = {
    "liaison-meeting": "联络委工作例会",
    research: "专题调研",
    "frontline-consultation": "一线协商",
    consultation: "“有事好商量”协商议事",
    inspection: "视察",
    reading: "“书香政协”读书分享",
    "party-led": "功能型党支部主题党日",
    reception: "委员接待日",
  }
  streets.forEach((s) => {
    const streetId = `street-${s.key}`
    const home = membersHomeIn(streetId)
    committeeTypes.forEach((type, k) => {
      const month = Math.min(12, k + 1 + r.int(0, 1))
      const onCommunity =
        type === "frontline-consultation" || type === "consultation" ? r.pick(communitiesOf.get(streetId)!) : undefined
      const isArticleCase = s.key === "xingouqiao" && type === "frontline-consultation"
      const activity: Json & { attendees: ReadonlyArray<string>; presence: number } = {
        type,
        title: isArticleCase
          ? "光明社区健吾公馆小区老旧小区改造方案一线协商"
          : `${s.name.replace("街道", "")}${typeTitles[type]}`,
        date: isArticleCase ? date(6, 15) : date(month, r.int(1, daysIn(month))),
        unitId: isArticleCase ? "community-xingouqiao-01" : (onCommunity ?? streetId),
        organiser: { kind: "committee", id: `committee-${s.key}` },
        attendees: r.sample(home, Math.max(3, Math.round(home.length * (0.5 + r.next() * 0.4)))),
        presence: 0.85,
      }
      if (isArticleCase) {
        activity["platformId"] = "platform-community-xingouqiao-01"
        activity["participants"] = [
          { kind: "department", count: 3, names: ["区住房和城市更新局", "区城管执法局", "区应急管理局"] },
          { kind: "community", count: 2, names: ["光明社区"] },
          { kind: "property", count: 1, names: ["健吾公馆物业服务中心"] },
          { kind: "resident", count: 8 },
        ]
      } else if (type === "frontline-consultation" || type === "consultation") {
        activity["participants"] = [
          { kind: "department", count: r.int(1, 3) },
          { kind: "resident", count: r.int(4, 15) },
        ]
      }
      addActivity(activity)
    })
    // Party-led activities of the functional branch, reaching every member in the street.
    for (let k = 0; k < 4; k++) {
      const month = 1 + k * 3 + r.int(0, 2)
      addActivity({
        type: "party-led",
        title: `${s.name.replace("街道", "")}${typeTitles["party-led"]}`,
        date: date(month, r.int(1, daysIn(month))),
        unitId: streetId,
        organiser: { kind: "party-branch", id: `branch-${s.key}` },
        attendees: home.filter((m) => memberById.get(m)!["partyMember"] === true || r.chance(0.3)),
        presence: 0.88,
      })
    }
    // Monthly reception days at the street platform.
    for (let month = 1; month <= 12; month++) {
      addActivity({
        type: "reception",
        title: `${s.name.replace("街道", "")}${typeTitles["reception"]}`,
        date: date(month, r.int(5, 25)),
        unitId: streetId,
        platformId: `platform-${s.key}`,
        organiser: { kind: "platform", id: `platform-${s.key}` },
        attendees: r.sample(home, 2),
        presence: 0.95,
      })
    }
    // The Yejin gas-pipe campaign: publicity, joint enforcement and consultation.
    if (s.key === "yejin") {
      const campaign: ReadonlyArray<[string, string, number]> = [
        ["research", "燃气管道老化更新改造入户宣传", 3],
        ["inspection", "燃气安全联合执法检查", 4],
        ["consultation", "燃气管道老化更新改造协商议事会", 4],
        ["consultation", "燃气管道改造进度推进协商会", 6],
      ]
      campaign.forEach(([type, title, month]) => {
        addActivity({
          type,
          title,
          date: date(month, r.int(1, 28)),
          unitId: streetId,
          platformId: `platform-${s.key}`,
          organiser: { kind: "committee", id: `committee-${s.key}` },
          attendees: r.sample(home, Math.max(3, Math.round(home.length * 0.6))),
          presence: 0.9,
          participants: [
            { kind: "department", count: 2, names: ["区城管执法局", "武汉市燃气集团"] },
            { kind: "enterprise", count: r.int(5, 12) },
            { kind: "resident", count: r.int(10, 30) },
          ],
        })
      })
    }
  })
  // Community platforms: two to four consultations a year each, members living nearby attend.
  for (const c of allCommunities) {
    const nearby = membersHomeIn(streetOf.get(c)!)
    const n = r.int(2, 4)
    for (let k = 0; k < n; k++) {
      const month = r.int(1, 12)
      addActivity({
        type: "consultation",
        title: `${units.find((u) => u["id"] === c)!["name"] as string}${r.pick(["停车难", "加装电梯", "环境整治", "养老服务", "物业管理", "便民市场", "社区安全"])}协商`,
        date: date(month, r.int(1, daysIn(month))),
        unitId: c,
        platformId: `platform-${c}`,
        organiser: { kind: "platform", id: `platform-${c}` },
        attendees: r.sample(nearby, r.int(1, 4)),
        presence: 0.9,
        participants: [
          { kind: "community", count: 1 },
          { kind: "resident", count: r.int(5, 20) },
        ],
      })
    }
  }
  // Studio activities, including the two the article describes.
  studios.forEach((st, i) => {
    const n = r.int(4, 6)
    for (let k = 0; k < n; k++) {
      const month = r.int(1, 12)
      const special = k === 0 && i <= 1
      const activity: Json & { attendees: ReadonlyArray<string>; presence: number } = {
        type: special && i === 0 ? "consultation" : "studio",
        title: special
          ? i === 0
            ? "助企纾困解难一线协商：学习关于民营经济的重要论述"
            : "把会场搬到田间地头：“青山三宝”特色农产品品质和销售协商"
          : `${st.name}${st.theme}活动`,
        date: special ? (i === 0 ? date(4, 19) : date(5, 16)) : date(month, r.int(1, daysIn(month))),
        unitId: st.unitId,
        organiser: { kind: "studio", id: st.id },
        attendees: [st.leadMemberId, ...st.memberIds],
        presence: 0.85,
      }
      if (special) {
        activity["participants"] =
          i === 0
            ? [{ kind: "enterprise", count: 12, names: ["科技型中小企业代表"] }]
            : [
                { kind: "department", count: 2, names: ["区农业农村局", "区商务局"] },
                { kind: "expert", count: 3 },
                { kind: "resident", count: 15, names: ["种植户"] },
              ]
      }
      addActivity(activity)
    }
  })
  // Special committees: research and inspection tours with their members.
  for (const sc of specials) {
    const scMembers = memberIds.filter((m) =>
      (memberById.get(m)!["specialCommitteeIds"] as Array<string>).includes(sc.id),
    )
    for (const type of ["research", "research", "inspection", "oversight"]) {
      const month = r.int(2, 11)
      addActivity({
        type,
        title: `${sc.name}${type === "inspection" ? "视察" : type === "oversight" ? "民主监督" : "专题调研"}`,
        date: date(month, r.int(1, daysIn(month))),
        unitId: r.pick(streetIds),
        organiser: { kind: "special-committee", id: sc.id },
        attendees: r.sample(scMembers, Math.max(3, Math.round(scMembers.length * 0.7))),
        presence: 0.87,
      })
    }
  }
  activities.sort(
    (a, b) =>
      (a["date"] as string).localeCompare(b["date"] as string) || (a["id"] as string).localeCompare(b["id"] as string),
  )

  // --- submissions -----------------------------------------------------------------------------
  const submissions: Array<Json> = []
  const proposalTopics = [
    "关于推进老旧小区改造的建议",
    "关于加强社区养老服务的建议",
    "关于优化营商环境的建议",
    "关于完善背街小巷治理的建议",
    "关于加快燃气管道更新改造的建议",
    "关于提升中小学课后服务的建议",
    "关于发展“青山三宝”特色农业的建议",
    "关于加强长江岸线生态保护的建议",
    "关于增设便民停车位的建议",
    "关于推动钢城工业遗产活化利用的建议",
  ]
  const reportTopics = [
    "居民反映小区电梯老化",
    "商户反映经营成本上升",
    "老年人反映就医不便",
    "居民反映噪音扰民",
    "群众关注学区划分",
    "居民反映道路积水",
    "群众关注菜价波动",
    "居民建议增设公交线路",
  ]
  for (let i = 1; i <= 186; i++) {
    const x = r.next()
    const authorCount = x < 0.6 ? 1 : x < 0.9 ? r.int(2, 5) : r.int(3, 8)
    const authors = r.sample(memberIds, authorCount)
    const flags: Array<string> = []
    if (r.chance(0.86)) {
      flags.push("accepted")
      if (r.chance(0.1)) flags.push("key")
      if (r.chance(0.07)) flags.push("excellent")
      if (r.chance(0.04)) flags.push("leader-instruction")
    }
    submissions.push({
      id: `p${pad(i)}`,
      kind: "proposal",
      title: r.pick(proposalTopics),
      date: i <= 150 ? date(1, r.int(2, 10)) : randomDate(2, 11),
      authors,
      collective: x >= 0.9,
      flags,
    })
  }
  for (let i = 1; i <= 254; i++) {
    const authors = r.sample(memberIds, r.chance(0.8) ? 1 : 2)
    const flags: Array<string> = []
    if (r.chance(0.42)) {
      flags.push("adopted")
      if (r.chance(0.08)) flags.push("leader-instruction")
    }
    submissions.push({
      id: `s${pad(i)}`,
      kind: "social-conditions",
      title: r.pick(reportTopics),
      date: randomDate(),
      authors,
      flags,
    })
  }

  // --- outcomes --------------------------------------------------------------------------------
  const outcomes: Array<Json> = []
  const handlers = [
    "区住房和城市更新局",
    "区城管执法局",
    "区民政局",
    "区卫健局",
    "区教育局",
    "区市场监管局",
    "区交通运输局",
    "区商务局",
  ]
  // Gas-pipe renovation in every street; Yejin's four communities roll up to 76%, the district's best.
  const yejinParts: ReadonlyArray<[number, number]> = [
    [400, 90],
    [300, 70],
    [200, 65],
    [100, 60],
  ]
  for (const s of streets) {
    const streetId = `street-${s.key}`
    const parentId = `o-gas-${s.key}`
    const parts: ReadonlyArray<[number, number]> =
      s.key === "yejin" ? yejinParts : [0, 1, 2].map(() => [r.int(100, 400), r.int(20, 74)] as [number, number])
    const households = parts.reduce((a, [w]) => a + w, 0)
    const progress = Math.round((parts.reduce((a, [w, p]) => a + w * p, 0) / households) * 10) / 10
    outcomes.push({
      id: parentId,
      title: `${s.name}燃气管道老化更新改造`,
      unitId: streetId,
      handlingUnit: "武汉市燃气集团",
      weight: households,
      status: "in-progress",
      progress,
      assignedOn: date(3, 1),
      dueOn: date(12, 31),
      milestones: [
        { title: "入户摸排", due: date(3, 31), doneOn: date(3, 28) },
        { title: "完成改造", due: date(12, 31) },
      ],
    })
    parts.forEach(([w, p], k) => {
      outcomes.push({
        id: `${parentId}-${k + 1}`,
        title: `${units.find((u) => u["id"] === communitiesOf.get(streetId)![k])!["name"] as string}燃气管道改造`,
        parentId,
        unitId: communitiesOf.get(streetId)![k],
        handlingUnit: "武汉市燃气集团",
        weight: w,
        status: "in-progress",
        progress: p,
        assignedOn: date(3, 1),
        dueOn: date(12, 31),
      })
    })
    // Outcomes of the street's consultations, at various stages of handling.
    const n = r.int(3, 6)
    for (let k = 1; k <= n; k++) {
      const assignedMonth = r.int(2, 9)
      const completed = r.chance(0.6)
      const outcome: Json = {
        id: `o-${s.key}-${k}`,
        title: r.pick(proposalTopics).replace("关于", "").replace("的建议", ""),
        unitId: streetId,
        handlingUnit: r.pick(handlers),
        status: completed ? "completed" : r.chance(0.5) ? "in-progress" : "assigned",
        progress: completed ? 100 : r.int(0, 90),
        assignedOn: date(assignedMonth, r.int(1, 28)),
        dueOn: date(Math.min(12, assignedMonth + 3), 28),
      }
      if (completed) outcome["completedOn"] = date(Math.min(12, assignedMonth + r.int(1, 3)), 28)
      if (completed || r.chance(0.4))
        outcome["feedbackOn"] = date(Math.min(12, assignedMonth + r.int(1, 3)), r.int(1, 28))
      if (r.chance(0.7)) outcome["metOn"] = date(Math.min(12, assignedMonth + 1), r.int(1, 28))
      outcome["implemented"] = completed && r.chance(0.85)
      if (completed)
        outcome["satisfaction"] = r.pick(["satisfied", "satisfied", "satisfied", "basically-satisfied", "unsatisfied"])
      outcomes.push(outcome)
    }
  }

  return {
    district: {
      id: "qingshan",
      name: "青山区",
      nameEn: "Qingshan District",
      region: "湖北省武汉市",
      sectors: sectors.map(([id, zh, en]) => ({ id, labels: { "zh-CN": zh, en } })),
    },
    units,
    platforms,
    members,
    committees,
    partyBranches,
    studios,
    specialCommittees: specials,
    guidance: [],
    activities,
    submissions,
    outcomes,
  } as unknown as Data
}

const employerFor = (sector: string, r: ReturnType<typeof prng>): string => {
  const bySector: Record<string, ReadonlyArray<string>> = {
    economy: ["武钢集团", "青山区某物流公司", "某建筑工程公司", "某商贸有限公司"],
    "industry-commerce": ["某科技有限公司", "某餐饮连锁企业", "某装饰工程公司"],
    education: ["青山区某中学", "某小学", "武汉科技大学"],
    "medicine-health": ["武汉市普仁医院", "青山区某社区卫生服务中心", "某中医院"],
    "science-technology": ["某研究院", "某高新技术企业"],
    "culture-arts": ["青山区文化馆", "某艺术团"],
    cpc: ["区直机关", "某街道办事处"],
  }
  return r.pick(bySector[sector] ?? ["青山区某单位", "某事业单位", "某社会组织"])
}
