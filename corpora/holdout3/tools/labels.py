"""Hand-written labels for the holdout3 corpus.

Problems and measures are given by an anchor: the literal start of the item in the
gold text; build.py turns each anchor into the item's first 20 characters.
"""

UNIT = "中共清溪市生态环境局党组"
YEAR = 2025

DOCS = {
"F01": dict(
    file="F01.docx", name="周启明", role="党组书记、局长",
    sections=dict(problems="二、存在的主要问题", causes="三、问题产生的原因", measures="四、整改措施", criticism=None),
    problems=[("p1", "对习近平生态文明思想的学习没有转化"), ("p2", "落实市委部署存在报喜不报忧"),
              ("p3", "参加双重组织生活不经常"), ("p4", "对群众身边的环境诉求回应慢"),
              ("p5", "落实中央八项规定精神在细节上"), ("p6", "在有争议的问题上不敢拍板"),
              ("p7", "“一岗双责”压得不实")],
    measures=[("m1", "（一）针对第一个问题", ["p1"]), ("m2", "（二）针对报告失实", ["p2"]),
              ("m3", "（三）针对参加组织生活", ["p3"]), ("m4", "（四）针对第四个问题", ["p4"]),
              ("m5", "（五）针对会务接待", ["p5"]), ("m6", "（六）针对第六个问题", ["p6"]),
              ("m7", "（七）针对“一岗双责”", ["p7"])],
    unanswered=[],
    vague=[],
    concrete=[
        "2025年4月省里通报长江流域部分断面总磷超标后，我在党组会上作了传达，但没有部署对清溪河入江口上游的排查",
        "市委要求9月底前完成全市127个入河排污口整治，10月中旬盘点时仍有19个未销号",
        "我有时把支部活动当作可以往后挪的日程，2025年局机关第一党支部开展组织生活11次，我只参加了6次，其中3次中途离场去开协调会",
        "12345热线先后转办7次，我只在督办单上签过两次“请大气科办理”",
        "2025年5月局里在云峰县召开全市环评审批业务培训",
        "我三次主持会议都以“再论证”收场，方案拖了5个月才定下来，企业多付了近300万元的资金成本",
        "2025年局党组专题研究全面从严治党只有2次，我与班子成员的廉政谈话集中在年初，全年没有一次针对具体风险点的提醒",
    ],
    hope=[], excuses=[],
    notes="Concrete secretary's draft, delivered as .docx. Layout: case analysis first (一、), problems under （一）–（五） aspect headings "
          "with unnumbered paragraph items; measures written as 针对第N个问题 / 针对……的问题 references, one per problem. "
          "Traps: a concrete sentence with the hedge 有时 (p3); causes are first-person and self-critical, one quotes an excuse "
          "(“局里人少事多”) only to reject it, so no objective excuse is labelled.",
),
"F02": dict(
    file="F02.txt", name="沈若兰", role="党组成员、副局长",
    sections=dict(problems="一、存在的问题", causes="三、原因剖析", measures="四、整改措施", criticism=None),
    problems=[("p1", "1、把不利气象条件"), ("p2", "2、在学习教育期间"), ("p3", "3、对监测数据质量"),
              ("p4", "4、对上门反映问题"), ("p5", "5、推动重点项目"), ("p6", "6、对分管科室的廉政")],
    measures=[("m1", "1、监测数据质量方面", ["p3"]), ("m2", "2、遥感监测平台方面", ["p5"]),
              ("m3", "3、科室廉政风险方面", ["p6"]), ("m4", "4、大气污染攻坚方面", ["p1"]),
              ("m5", "5、接待群众方面", ["p4"]), ("m6", "6、自身作风方面", ["p2"])],
    unanswered=[],
    vague=[],
    concrete=[
        "2025年1月至3月，全市细颗粒物平均浓度同比上升6.8%，我在局务会和市政府专题会上先后3次分析原因",
        "2025年7月我带队在省城参加为期一周的监测业务培训",
        "该站此前两个季度的运维巡检记录，我都签了“已审核”，实际只看了汇总表",
        "10月在枫桥镇就砖瓦窑异味问题接待群众时，一位老人反复讲同一件事，我打断了他两次",
        "全市柴油货车遥感监测平台计划2025年6月上线",
        "大气环境科2025年组织的12次企业帮扶服务中，有4次由企业安排午餐，这一情况我在一定程度上是知情的",
    ],
    hope=[], excuses=[],
    notes="Concrete draft. Problems numbered 1、 under aspect headings; a 反面典型案例剖析 section sits between problems and causes and "
          "has a sub-heading （一）案例原因剖析 that is NOT the causes section. Measures are topic-labelled and in a different order "
          "from the problems (p3,p5,p6,p1,p4,p2). Traps: hedges 有时 (p4) and 一定程度上 (p6) in concrete items; cause （一） admits "
          "the weather was unfavourable, then turns to the writer's 政绩观 — not an excuse.",
),
"F03": dict(
    file="F03.txt", name="韩卫东", role="党组成员、副局长",
    sections=dict(problems="二、存在的主要问题", causes="三、原因分析", measures="四、整改措施", criticism="五、相互批评意见"),
    problems=[("p1", "一是对长江大保护"), ("p2", "二是传达上级精神"), ("p3", "一是理论学习与分管"),
              ("p4", "二是在公务活动中"), ("p5", "一是在迎接考核时"), ("p6", "二是对群众关心的农村"),
              ("p7", "一是推动土壤污染"), ("p8", "一是对分管科室的日常")],
    measures=[("m1", "（一）2026年上半年完成对27条", ["p1"]), ("m2", "（二）对省厅入河排污口", ["p2"]),
              ("m3", "（三）每半年结合分管工作", ["p3"]), ("m4", "（四）严守公务接待规定", ["p4"]),
              ("m5", "（五）在局党组会上就", ["p5"]), ("m6", "（六）柳溪乡水源地", ["p6"]),
              ("m7", "（七）2026年6月底前启动北岭区", ["p7"]), ("m8", "（八）配合驻局纪检监察组", ["p8"])],
    unanswered=[],
    vague=[],
    concrete=[
        "同期群众投诉的27条城区黑臭水沟中，有15条属于考核断面之外的支流",
        "2025年10月省里来清溪河开展断面比对监测前，我在调度会上说过“这几天上游的几个闸要协调一下”",
        "柳溪乡水源地保护区内的3处养殖场，群众从年初反映到年底，我只去过1次",
        "执法支队2025年作出的行政处罚中，有17件因证据链不完整被复议撤销或在诉讼中败诉",
        "其中11条的整改要求只写了“加强管理”，没有明确责任人和时限，8月同样的问题在石湾分局再次出现",
        "2025年有3个化工项目在环评批复前已经开工，你在审批会上是知情的",
    ],
    hope=[
        "周局长政治站位高、工作思路清，希望在今后的工作中更加注重调查研究，多到基层一线走一走，为我们班子成员作出更好的表率。",
        "沈局长工作起来不知疲倦，秋冬季攻坚期间经常晚上十点后还在办公室研究数据，对自己要求太严，建议多注意身体，注意劳逸结合。",
        "也想对个别班子成员提一点意见：有的同志“各管一摊”的思想比较重，对别人分管的工作不愿发表意见，党组会上讨论议题时往往一言不发。",
        "建议机关党建工作多探索一些新颖的载体，把主题党日活动搞得更有特色、更接地气一些。",
        "冯总业务精湛、为人低调，是我们班子的“技术定盘星”，我实在提不出什么意见，如果一定要说，就是有时过于谦虚，不太愿意在大会上表达自己的观点。",
    ],
    excuses=[],
    notes="Problems written inline, one paragraph per aspect with 一是……二是……; causes also inline 一是……. Has a 相互批评意见 part: "
          "hope-only (周启明), disguised praise (沈若兰), unnamed target (个别班子成员/有的同志), suggestion-only (许海燕), praise-only with "
          "evasion (冯建平) are labelled; the criticisms of 丁国强, 唐晓梅 and 邹明 are pointed (named, numbers, consequence) and two of "
          "them end with a hope — they must NOT be flagged. The 邹明 item contains 客观上 inside a criticism, not a cause.",
),
"F04": dict(
    file="F04.txt", name="丁国强", role="党组成员、副局长",
    sections=dict(problems="一、存在的问题", causes="二、问题产生的原因", measures="三、整改措施", criticism=None),
    problems=[("p1", "1.对生态环境执法的政治属性"), ("p2", "2.执行上级部署打折扣"), ("p3", "1.参加理论学习存在应付"),
              ("p4", "2.对工作日饮酒的问题"), ("p5", "1.对执法程序的严肃性"), ("p6", "2.对群众举报回应滞后"),
              ("p7", "1.面对重点企业不敢较真"), ("p8", "1.对执法队伍廉政风险")],
    measures=[("m1", "（一）修订《清溪市", ["p5"]), ("m2", "（二）对“清废行动”", ["p2"]),
              ("m3", "（三）对石湾县造纸", ["p7"]), ("m4", "（四）“环保随手拍”", ["p6"]),
              ("m5", "（五）中心组学习不无故", ["p3", "p1"]), ("m6", "（六）严格遵守工作日", ["p4"]),
              ("m7", "（七）对执法支队“吃拿卡要”", ["p8"])],
    unanswered=[],
    vague=[],
    concrete=[
        "2025年支队全年立案312件，我在向局党组汇报时只讲案件数和罚没金额",
        "实际完成61家，我以“人员不足”为由申请延期",
        "全年有17件处罚决定因证据链不完整被复议撤销或法院判决败诉",
        "有46件超过规定时限才办结，其中白沙镇一家电镀作坊被群众举报4次才查处",
    ],
    hope=[],
    excuses=[
        "这三年局里先后经历了两轮机构改革，执法支队由原环境监察支队转隶而来，人员身份、职责边界一直处在磨合之中，不少制度还没有来得及理顺。",
        "全市87家危险废物产生单位有一半以上散布在云峰、石湾两个山区县，去一家企业来回就是大半天，检查覆盖面一时上不去也在情理之中。",
        "我2024年初接手执法工作时，前任留下的案卷和台账相当混乱，不少案件连送达回证都找不到，光清理这些历史积案就占去了支队大半年的精力，程序上出现一些瑕疵很难完全避免。",
        "省厅在年中调整了执法考核细则，由以案件数量为主改为以办案质量为主，年初按老办法排定的工作计划一下子被打乱，县区分局只能边干边适应。",
        "执法对象中不少是地方的纳税大户，个别企业背后还有方方面面的关系打招呼，一线执法人员承受的压力外人很难体会。",
        "2025年执法装备经费比上年压减了三成，无人机、便携式快检设备都没能按计划更新，不少现场只能靠肉眼和经验判断。",
    ],
    notes="Delivered as GB18030. Problems inline per aspect: 具体表现为：1.……2.……. Causes: six paragraphs that blame circumstances in "
          "indirect wording (two reorganisations, mountain counties, predecessor's files, mid-year rule change, pressure from big "
          "taxpayers, budget cut) — all labelled; then four self-critical paragraphs that must NOT be flagged: one mentions a "
          "circumstance (三任局长) and turns to 我的失职, one quotes “人手少、车辆少” to reject it, two are first-person 思想上/纪律上. "
          "m5 answers both p3 (study) and p1 (reporting only case counts). The case analysis comes last (四、典型案例剖析).",
),
"F05": dict(
    file="F05.md", name="许海燕", role="党组成员、机关党委书记",
    sections=dict(problems="存在的问题", causes="原因剖析", measures="整改措施", criticism=None),
    problems=[("p1", "在带头强化政治忠诚、提高政治能力方面。对"), ("p2", "在带头固本培元、增强党性方面。"),
              ("p3", "在带头敬畏人民、敬畏组织、敬畏法纪方面。"), ("p4", "在带头干事创业、担当作为方面。"),
              ("p5", "在带头坚决扛起管党治党责任方面。")],
    measures=[("m1", "一是持续强化理论武装", ["p1"]), ("m2", "二是持续加强党性锤炼", ["p2"]),
              ("m3", "三是始终践行为民宗旨", ["p3"]), ("m4", "四是积极担当作为", ["p4"]),
              ("m5", "五是从严落实管党治党", ["p5"])],
    unanswered=[],
    vague=[
        "对党的创新理论的学习多是读原文、记笔记，转化为推动机关党建工作的思路和办法还不多",
        "对一些新情况新问题的政治敏感跟不上形势发展的要求",
        "从政治上看问题的自觉还需要再强一些",
        "对自身的党性锻炼抓得不如以前紧，满足于不出问题、过得去就行",
        "在一些原则问题上批评与自我批评的辣味不足，顾虑人际关系，碍于情面的时候多",
        "为基层党支部和党员干部解决实际困难的办法不多，与群众打交道时身子沉下去的程度与组织的期望相比还有距离",
        "习惯于沿用过去的做法，开拓的思路不宽，破解难题的招数不多",
        "机关党建围绕中心、服务大局的作用发挥得还不充分，党建和业务融合的文章做得不深",
        "对苗头性、倾向性问题的敏锐度还需提高",
    ],
    concrete=["比如今年机关第三党支部反映的活动场地问题，我拖了两个多月才协调解决"],
    hope=[], excuses=[],
    notes="Vague boilerplate draft, delivered as .md whose content is identical to the gold text (plain lines, no markdown "
          "syntax). Section headings are unnumbered lines (反面典型案例剖析 / 存在的问题 / 原因剖析 / 整改措施). One problem paragraph per "
          "aspect; vague sentences mostly in the writer's own words rather than the stock list; one concrete example sentence "
          "sits inside the otherwise vague p3. Measures are generic but each mirrors one aspect.",
),
"F06": dict(
    file="F06.txt", name="冯建平", role="党组成员、总工程师",
    sections=dict(problems="一、检视出的问题", causes="二、根源剖析", measures=None, criticism=None),
    problems=[("p1", "1.技术审查中"), ("p2", "2.信息化项目推进中"), ("p3", "3.参加学习教育有时"),
              ("p4", "4.对设备采购中"), ("p5", "5.对基层技术人员"), ("p6", "6.对科研项目经费"),
              ("p7", "7.履行党风廉政建设")],
    measures=[],
    unanswered=["p1", "p2", "p3", "p4", "p5", "p6", "p7"],
    vague=["履行党风廉政建设“一岗双责”还有差距，对分管部门干部的思想动态掌握得不够全面，日常提醒谈话做得不够经常"],
    concrete=[
        "9月试运行期间两次出现进水冲击、出水氨氮超标，返工增加投资约180万元",
        "局里2024年投入460万元建设的生态环境大数据平台，2025年全年日均登录不到20人次",
        "参加学习教育有时满足于完成规定动作，2025年学习教育期间我撰写了3篇研讨发言，其中2篇主要在介绍技术规范",
        "3家投标企业中有1家的技术参数明显与招标文件“量身定制”",
        "云峰县监测站4名技术员连续两年反映实验室通风系统老化、有异味",
        "有1项的劳务费支出超出预算比例，我作为项目负责人签字前没有核对明细",
    ],
    hope=[], excuses=[],
    notes="No 整改措施 section: problems, causes, case analysis, then a one-line pledge and the closing formula; all problems are "
          "unanswered. Problems have no aspect grouping (1. … 7.). Traps: p3 is one sentence with 有时 and concrete numbers; cause "
          "（二） quotes “监测站点分散、专业人员不足” and rejects it; cause （三） contains 往往.",
),
"F07": dict(
    file="F07.txt", name="唐晓梅", role="驻局纪检监察组组长",
    sections=dict(problems="一、存在的突出问题", causes="二、问题产生的根源", measures="三、整改措施", criticism=None),
    problems=[("p1", "一是对政治监督的内涵"), ("p2", "二是运用党的创新理论"), ("p3", "一是自我净化"),
              ("p4", "二是在批评和自我批评上"), ("p5", "一是对群众身边不正之风"), ("p6", "二是在执纪执法中"),
              ("p7", "一是面对复杂问题线索"), ("p8", "一是协助驻在部门党组"), ("p9", "二是对纪检干部自身建设")],
    measures=[("m1", "（一）在强化政治监督", ["p1", "p2"]), ("m2", "（二）在锤炼党性", ["p3", "p4"]),
              ("m3", "（三）在贴近群众", ["p5", "p6"]), ("m4", "（四）在担当作为", ["p7"]),
              ("m5", "（五）在压实责任", ["p8", "p9"])],
    unanswered=[],
    vague=[
        "对政治监督的内涵把握得还不够精准，监督工作在一定程度上还是就事论事，对上级重大决策部署落实情况跟进监督的针对性有待增强",
        "运用党的创新理论指导监督实践的能力，与新时代纪检监察工作的要求相比还有不小的距离",
        "自我净化、自我完善的主动性不如从前，对照党章党规检视自身的频次不够高，标准也有所降低",
        "在批评和自我批评上放不开手脚，怕伤和气，一些该说的话没有说透，一些该点的问题没有点到位",
        "对群众身边不正之风和腐败问题的感知还不够灵敏，发现问题的渠道还比较单一",
        "面对复杂问题线索，求稳怕乱的心态时有显现，攻坚克难的锐气还需要进一步激发",
        "协助驻在部门党组落实全面从严治党主体责任的力度还需加大，“监督的再监督”没有完全到位",
        "对纪检干部自身建设抓得还不够紧，提升队伍能力的办法不多，干部的专业素养与监督任务不相适应",
    ],
    concrete=["比如2025年4月对执法支队的专项检查，列出问题23条，其中11条整改要求只写了“加强管理”，没有明确时限"],
    hope=[],
    excuses=["派驻纪检监察组仅有4名干部，却要同时监督局机关、执法支队和6个县区分局，战线长、摊子大，精力上难免顾此失彼。"],
    notes="Vague boilerplate draft: aspect headings on their own lines, each item a separate 一是/二是 line; only p6 carries a "
          "concrete example. Measures are generic 在……上下功夫 paragraphs, one per aspect. One objective excuse in the causes "
          "(staff too few for the field of supervision). Case analysis placed after the measures.",
),
"F08": dict(
    file="F08.txt", name="邹明", role="党组成员、副局长",
    sections=dict(problems="一、存在的主要问题", causes="二、问题产生的原因", measures="四、整改措施", criticism=None),
    problems=[("p1", "1.对审批与监管衔接"), ("p2", "1.理论学习与审批实践"), ("p3", "1.对居民反映的垃圾焚烧厂"),
              ("p4", "2.对辐射安全许可的审查"), ("p5", "1.推动危险废物处置"), ("p6", "1.与服务对象交往")],
    measures=[("m1", "（一）把住审批关口", ["p1"]), ("m2", "（二）每半年结合审批工作", ["p2"]),
              ("m3", "（三）辐射安全许可新办", ["p4"]), ("m4", "（四）云峰县危废综合", ["p5"]),
              ("m5", "（五）严格落实审批岗位", [])],
    unanswered=["p3", "p6"],
    vague=[],
    concrete=[
        "2025年我签批的环评文件共148件，其中有3个化工项目在批复前已经开工建设",
        "2025年7月至9月通过信访和网络留言反映夜间异味63次",
        "2025年全市新办、延续辐射安全许可证39件，我签批前现场核查的只有5件",
        "云峰县危废综合处置中心项目2023年立项，我分管后两年多仍停在选址阶段",
        "2025年我先后3次参加环评技术服务机构举办的“行业交流会”",
    ],
    hope=[], excuses=[],
    notes="Concrete problems under （一）–（五） headings with 1./2. items; case analysis between causes and measures. Two problems "
          "have no measure: p3 (garbage incinerator odour complaints) and p6 (the writer's own dealings with EIA consultancies). "
          "m5 shares the integrity topic with p6 but is about staff posts in the approval office, not the writer's conduct, so "
          "it answers nothing.",
),
}
