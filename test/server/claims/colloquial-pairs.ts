/**
 * Colloquial pairs, written for this project in a clerk's voice (口语: 还没, 搞了, 弄好了, 大概, 打算):
 * the note as a clerk would jot it, a faithful formal rewrite of it (merging, splitting and
 * reordering sentences as a careful writer does), and unfaithful versions of that rewrite, each of
 * which keeps every figure and changes one or more claims. The places and people are invented.
 */
import type { ClaimKind } from "../../../server/claims/types.ts";

export interface ColloquialCase {
  colloquial: string;
  faithful: string;
  unfaithful: Array<{ text: string; changed: ClaimKind[] }>;
}

export const COLLOQUIAL_UNIT = "西山县委政法委";

export const COLLOQUIAL: ColloquialCase[] = [
  {
    colloquial: "综治中心的规范化建设还没弄完，还差3个乡镇。",
    faithful: "综治中心规范化建设尚未完成，仍有3个乡镇未达标。",
    unfaithful: [
      { text: "综治中心规范化建设已经完成，3个乡镇达标。", changed: ["negation", "status"] },
      { text: "综治中心规范化建设已全面完成，3个乡镇经验收达标。", changed: ["negation", "status", "scope", "approval"] },
    ],
  },
  {
    colloquial: "信访积案化解这块，我们还在跟，剩下的7件正在一件件过。",
    faithful: "信访积案化解工作正在持续跟进，剩余7件正在逐件推进。",
    unfaithful: [{ text: "信访积案化解工作已全部完成，剩余7件已逐件办结。", changed: ["status", "scope"] }],
  },
  {
    colloquial: "《网格员管理办法》还在起草，打算下半年报县委。",
    faithful: "《网格员管理办法》正在起草，拟于下半年报送县委。",
    unfaithful: [
      { text: "《网格员管理办法》已起草完成，下半年报送县委。", changed: ["status"] },
      { text: "《网格员管理办法》经县委审议后已印发。", changed: ["status", "approval"] },
    ],
  },
  {
    colloquial: "我们打算明年把雪亮工程的探头再补200个。",
    faithful: "计划明年补充“雪亮工程”视频探头200个。",
    unfaithful: [{ text: "明年已补充“雪亮工程”视频探头200个。", changed: ["status"] }],
  },
  {
    colloquial: "想在年底前把各村的矛盾纠纷台账建好。",
    faithful: "拟于年底前建立各村矛盾纠纷台账。",
    unfaithful: [{ text: "年底前已建立各村矛盾纠纷台账。", changed: ["status"] }],
  },
  {
    colloquial: "准备组织一次全县网格员的集中培训，大概300人。",
    faithful: "计划组织全县网格员集中培训一次，约300人参加。",
    unfaithful: [
      { text: "组织全县网格员集中培训一次，约300人参加。", changed: ["status"] },
      { text: "已组织全县网格员集中培训一次，约300人全部参加。", changed: ["status", "scope"] },
    ],
  },
  {
    colloquial: "今年排查的安全隐患都查完了，一共218处。",
    faithful: "全年排查的218处安全隐患已全部核查完毕。",
    unfaithful: [{ text: "全年排查的218处安全隐患已初步核查。", changed: ["scope"] }],
  },
  {
    colloquial: "12个村的调解室都弄起来了。",
    faithful: "12个村的调解室均已建立。",
    unfaithful: [
      { text: "12个村的调解室正在建立。", changed: ["status", "scope"] },
      { text: "12个村的调解室部分已建立。", changed: ["scope"] },
    ],
  },
  {
    colloquial: "青石镇的矛调中心5月份挂了牌，现在有4个人常驻。",
    faithful: "青石镇矛盾纠纷调处中心于5月挂牌成立，现有常驻人员4名。",
    unfaithful: [
      { text: "青石镇、柳林镇矛盾纠纷调处中心于5月挂牌成立，现有常驻人员4名。", changed: ["name"] },
      { text: "经县委批准，青石镇矛盾纠纷调处中心于5月挂牌成立，现有常驻人员4名。", changed: ["approval"] },
    ],
  },
  {
    colloquial: "今年搞了反诈宣传进社区，一共46场，大概1.2万人听了。",
    faithful: "全年开展反诈宣传进社区活动46场，覆盖群众约1.2万人。",
    unfaithful: [{ text: "全年计划开展反诈宣传进社区活动46场，覆盖群众约1.2万人。", changed: ["status"] }],
  },
  {
    colloquial: "有的村网格员用手机上报还不太会，得再培训。",
    faithful: "部分村网格员运用手机上报信息不够熟练，有待进一步培训。",
    unfaithful: [
      { text: "各村网格员运用手机上报信息已较为熟练。", changed: ["negation", "scope", "status"] },
      { text: "全部村网格员运用手机上报信息不够熟练，有待进一步培训。", changed: ["scope"] },
    ],
  },
  {
    colloquial: "全年没出命案，也没出大的群体性事件。",
    faithful: "全年未发生命案，未发生重大群体性事件。",
    unfaithful: [{ text: "全年发生命案，未发生重大群体性事件。", changed: ["negation"] }],
  },
  {
    colloquial: "视频监控基本上把主要路口都盖住了，还有偏远的几个村没装。",
    faithful: "视频监控已基本覆盖主要路口，仍有个别偏远村尚未安装。",
    unfaithful: [
      { text: "视频监控已全面覆盖主要路口，偏远村已安装。", changed: ["scope", "negation"] },
      { text: "视频监控已基本覆盖主要路口，个别偏远村已安装。", changed: ["negation"] },
    ],
  },
  {
    colloquial: "跟县公安局一起搞了两次夜查，查了娱乐场所35家。",
    faithful: "联合县公安局开展夜间检查2次，检查娱乐场所35家。",
    unfaithful: [
      { text: "联合县公安局、县市场监管局开展夜间检查2次，检查娱乐场所35家。", changed: ["name"] },
      { text: "开展夜间检查2次，检查娱乐场所35家。", changed: ["name"] },
    ],
  },
  {
    colloquial: "学法用法的培训搞了8期，参加的有640人次。县里的干部都参加了。",
    faithful: "举办学法用法培训8期，参训640人次，县直机关干部均已参训。",
    unfaithful: [{ text: "举办学法用法培训8期，参训640人次，部分县直机关干部参训。", changed: ["scope"] }],
  },
  {
    colloquial: "今年调解了纠纷1350件，成了1322件。有28件没调成，转到法院去了。",
    faithful: "全年调解矛盾纠纷1350件，调解成功1322件；另有28件调解未成功，已引导当事人向法院起诉。",
    unfaithful: [{ text: "全年调解矛盾纠纷1350件，调解成功1322件；另有28件已调解成功，已引导当事人向法院起诉。", changed: ["negation"] }],
  },
  {
    colloquial: "平安建设的宣传月还在搞，到现在发了宣传册5000份。",
    faithful: "平安建设宣传月活动正在开展，截至目前已发放宣传册5000份。",
    unfaithful: [{ text: "平安建设宣传月活动已圆满结束，共发放宣传册5000份。", changed: ["status"] }],
  },
  {
    colloquial: "社区矫正对象的手机定位还没全覆盖，现在是87%。",
    faithful: "社区矫正对象手机定位尚未实现全覆盖，覆盖率为87%。",
    unfaithful: [{ text: "社区矫正对象手机定位已实现全覆盖，覆盖率为87%。", changed: ["negation", "status"] }],
  },
  {
    colloquial: "我觉得网格员队伍流动太大，今年走了23个人。",
    faithful: "网格员队伍流动性较大，全年流失23人。",
    unfaithful: [{ text: "网格员队伍总体稳定，全年流失23人，已全部补齐。", changed: ["status", "scope"] }],
  },
  {
    colloquial: "打算在柳林镇先试一下“网格+警格”，搞好了再推。",
    faithful: "拟在柳林镇先行试点“网格+警格”模式，待取得经验后再推广。",
    unfaithful: [
      { text: "已在柳林镇试点“网格+警格”模式，并在全县推广。", changed: ["status", "scope"] },
      { text: "拟在柳林镇、青石镇先行试点“网格+警格”模式，待取得经验后再推广。", changed: ["name"] },
    ],
  },
  {
    colloquial: "扫黑除恶这块，打掉了2个恶势力团伙，抓了17个人。",
    faithful: "常态化扫黑除恶斗争中，打掉恶势力犯罪团伙2个，抓获犯罪嫌疑人17名。",
    unfaithful: [{ text: "常态化扫黑除恶斗争中，计划打掉恶势力犯罪团伙2个，抓获犯罪嫌疑人17名。", changed: ["status"] }],
  },
  {
    colloquial: "法律顾问现在差不多每个村都配上了，就剩2个村还没有。",
    faithful: "村（社区）法律顾问已基本实现全覆盖，尚有2个村未配备。",
    unfaithful: [
      { text: "村（社区）法律顾问已实现全覆盖，2个村已配备。", changed: ["scope", "negation"] },
    ],
  },
  {
    colloquial: "下个月准备开个推进会，把综治中心的事定下来。",
    faithful: "拟于下月召开推进会，研究部署综治中心建设有关事项。",
    unfaithful: [
      { text: "已召开推进会，研究部署综治中心建设有关事项。", changed: ["status"] },
      { text: "经县委常委会研究同意，拟于下月召开推进会，研究部署综治中心建设有关事项。", changed: ["approval"] },
    ],
  },
  {
    colloquial: "我们搞了一次命案防控的排查，重点人员排了64个，都见了面。",
    faithful: "开展命案防控专项排查一次，排查重点人员64名，均已见面核实。",
    unfaithful: [{ text: "开展命案防控专项排查一次，排查重点人员64名，部分已见面核实。", changed: ["scope"] }],
  },
  {
    colloquial: "乡镇的综治中心还有3个没有专门的办公场所，在借村委会的房子。",
    faithful: "仍有3个乡镇综治中心尚无独立办公场所，目前借用村委会用房。",
    unfaithful: [{ text: "3个乡镇综治中心已有独立办公场所，目前借用村委会用房。", changed: ["negation"] }],
  },
  {
    colloquial: "道路交通这一块，死亡事故比去年少了3起。",
    faithful: "道路交通领域，死亡事故较上年减少3起。",
    unfaithful: [{ text: "道路交通领域，经专项整治，死亡事故较上年减少3起，已全面消除隐患。", changed: ["scope"] }],
  },
  {
    colloquial: "禁毒宣传进了学校，讲了21场。吸毒人员的帮扶还在做。",
    faithful: "禁毒宣传进校园21场；吸毒人员帮扶工作正在推进。",
    unfaithful: [{ text: "禁毒宣传进校园21场；吸毒人员帮扶工作已完成。", changed: ["status"] }],
  },
  {
    colloquial: "刑满释放人员今年回来的有41个，都接上了，没有脱管的。",
    faithful: "全年刑满释放人员41名，均已落实衔接，无脱管漏管。",
    unfaithful: [
      { text: "全年刑满释放人员41名，大部分已落实衔接，无脱管漏管。", changed: ["scope"] },
      { text: "全年刑满释放人员41名，均已落实衔接，有脱管漏管。", changed: ["negation"] },
    ],
  },
  {
    colloquial: "可以让村里的老党员参加调解，这个我们鼓励。",
    faithful: "鼓励村内老党员参与矛盾纠纷调解。",
    unfaithful: [{ text: "要求村内老党员必须参与矛盾纠纷调解。", changed: ["modality"] }],
  },
  {
    colloquial: "不准乡镇干部插手经济纠纷，这个是死规定。",
    faithful: "严禁乡镇干部插手经济纠纷。",
    unfaithful: [{ text: "原则上乡镇干部应当回避经济纠纷。", changed: ["modality"] }],
  },
  {
    colloquial: "平安创建的考核办法初步弄了个稿子，还得征求意见。",
    faithful: "平安创建考核办法已形成初稿，尚需征求意见。",
    unfaithful: [
      { text: "平安创建考核办法已正式印发实施。", changed: ["negation", "approval"] },
      { text: "平安创建考核办法经审议已形成初稿，尚需征求意见。", changed: ["approval"] },
    ],
  },
  {
    colloquial: "今年新招了网格员56个，人数从800涨到了856。",
    faithful: "全年新招录网格员56名，网格员总数由800名增至856名。",
    unfaithful: [{ text: "全年计划新招录网格员56名，网格员总数由800名增至856名。", changed: ["status"] }],
  },
  {
    colloquial: "电诈的案子比去年降了不少，发案少了18.6%，损失的钱也少了。",
    faithful: "电信网络诈骗案件发案数较上年下降18.6%，群众财产损失同步减少。",
    unfaithful: [{ text: "电信网络诈骗案件发案数较上年下降18.6%，群众财产损失已全部挽回。", changed: ["status", "scope"] }],
  },
  {
    colloquial: "两个乡的司法所还没配齐人，其中1个所只有1名工作人员。",
    faithful: "2个乡司法所人员尚未配齐，其中1个所仅有1名工作人员。",
    unfaithful: [{ text: "2个乡司法所人员均已配齐，其中1个所有1名工作人员。", changed: ["negation", "scope", "status"] }],
  },
  {
    colloquial: "县里的政法干警都轮训了一遍，一共9期。",
    faithful: "分9期对全县政法干警进行全员轮训。",
    unfaithful: [{ text: "分9期对部分政法干警进行轮训。", changed: ["scope"] }],
  },
  {
    colloquial: "大河村的纠纷比较多，我们派了工作组驻村，现在还没撤。",
    faithful: "针对大河村矛盾纠纷较多的情况，派驻工作组驻村开展工作，目前工作组仍在驻村。",
    unfaithful: [
      { text: "针对大河村矛盾纠纷较多的情况，派驻工作组驻村开展工作，目前工作组已撤离。", changed: ["status"] },
      { text: "针对大河村、小河村矛盾纠纷较多的情况，派驻工作组驻村开展工作，目前工作组仍在驻村。", changed: ["name"] },
    ],
  },
  {
    colloquial: "防范邪教的宣传材料发了3000多份，进了9个村。",
    faithful: "发放防范邪教宣传材料3000余份，覆盖9个村。",
    unfaithful: [{ text: "发放防范邪教宣传材料3000余份，覆盖全县所有9个村。", changed: ["scope"] }],
  },
  {
    colloquial: "明年想把重点人员的动态管控系统弄上线。",
    faithful: "明年拟推动重点人员动态管控系统上线运行。",
    unfaithful: [{ text: "重点人员动态管控系统已上线运行。", changed: ["status"] }],
  },
  {
    colloquial: "智慧安防小区在建，已经弄好了9个，还剩4个。",
    faithful: "智慧安防小区建设正在推进，已建成9个，剩余4个正在建设中。",
    unfaithful: [{ text: "智慧安防小区建设已全面完成，已建成9个，剩余4个已建成。", changed: ["status", "scope"] }],
  },
  {
    colloquial: "政法委的同志们今年下乡走访了128户困难群众，帮着解决了一些实际问题。",
    faithful: "政法委干部全年走访困难群众128户，协调解决部分实际问题。",
    unfaithful: [{ text: "政法委干部全年走访困难群众128户，协调解决全部实际问题。", changed: ["scope"] }],
  },
  {
    colloquial: "重点信访人员稳控住了，没有去省里和北京上访的。",
    faithful: "重点信访人员稳控到位，未发生赴省进京上访。",
    unfaithful: [{ text: "重点信访人员稳控到位，发生赴省进京上访。", changed: ["negation"] }],
  },
  {
    colloquial: "社会治安的满意度调查还没出结果，估计跟去年差不多。",
    faithful: "社会治安满意度调查结果尚未公布。",
    unfaithful: [{ text: "社会治安满意度调查结果已公布。", changed: ["negation", "status"] }],
  },
  {
    colloquial: "应急处突的演练搞了4次，乡镇都参加了。",
    faithful: "开展应急处突演练4次，各乡镇均参加。",
    unfaithful: [{ text: "开展应急处突演练4次，部分乡镇参加。", changed: ["scope"] }],
  },
  {
    colloquial: "见义勇为的表彰今年报了6个人，县里还在审。",
    faithful: "全年申报见义勇为表彰6人，目前正在审核。",
    unfaithful: [
      { text: "全年申报见义勇为表彰6人，已经县委批准表彰。", changed: ["status", "approval"] },
      { text: "全年表彰见义勇为6人。", changed: ["status"] },
    ],
  },
  {
    colloquial: "队伍建设方面，搞了两次廉政警示教育，签了廉政承诺书320份。",
    faithful: "加强队伍建设，开展廉政警示教育2次，签订廉政承诺书320份。",
    unfaithful: [{ text: "加强队伍建设，计划开展廉政警示教育2次，签订廉政承诺书320份。", changed: ["status"] }],
  },
  {
    colloquial: "农村的法治宣传还比较弱，很多老人不知道怎么找法律援助。",
    faithful: "农村法治宣传较为薄弱，不少老年群众不了解申请法律援助的途径。",
    unfaithful: [{ text: "农村法治宣传成效明显，老年群众普遍了解申请法律援助的途径。", changed: ["negation", "scope"] }],
  },
  {
    colloquial: "律师进村的事只在3个镇搞了试点，别的镇还没开始。",
    faithful: "律师进村工作仅在3个镇开展试点，其他镇尚未启动。",
    unfaithful: [
      { text: "律师进村工作在3个镇开展试点，其他镇已全面启动。", changed: ["negation", "scope", "status"] },
    ],
  },
  {
    colloquial: "反恐的物资储备已经到位了，演练还没搞。",
    faithful: "反恐物资储备已落实到位，相关演练尚未开展。",
    unfaithful: [{ text: "反恐物资储备已落实到位，相关演练已组织开展。", changed: ["negation", "status"] }],
  },
  {
    colloquial: "我们把矛盾纠纷多元化解的机制初步搭起来了。",
    faithful: "初步建立矛盾纠纷多元化解机制。",
    unfaithful: [{ text: "全面建立矛盾纠纷多元化解机制。", changed: ["scope"] }],
  },
  {
    colloquial: "校园周边的护学岗都设上了，一共32个。",
    faithful: "校园周边护学岗已全部设立，共32个。",
    unfaithful: [{ text: "校园周边护学岗正在设立，共32个。", changed: ["status", "scope"] }],
  },
  {
    colloquial: "铁路护路的联防队员大概有120人，在沿线的5个村。",
    faithful: "铁路护路联防队员约120人，分布在沿线5个村。",
    unfaithful: [{ text: "铁路护路联防队员约120人，分布在沿线5个村，已实现全线无死角。", changed: ["scope"] }],
  },
  {
    colloquial: "县法院审结的案子有2360件，比去年多了些。",
    faithful: "县法院审结案件2360件，较上年有所增加。",
    unfaithful: [{ text: "西山县人民法院、县检察院审结案件2360件，较上年有所增加。", changed: ["name"] }],
  },
  {
    colloquial: "特殊人群的服务管理还在摸底，名单还没最后定。",
    faithful: "特殊人群服务管理摸底工作正在进行，名单尚未最终确定。",
    unfaithful: [{ text: "特殊人群服务管理摸底工作已完成，名单已最终确定。", changed: ["status", "negation"] }],
  },
  {
    colloquial: "明年争取把平安乡镇的创建率提到90%。",
    faithful: "明年力争平安乡镇创建率达到90%。",
    unfaithful: [{ text: "平安乡镇创建率已达到90%。", changed: ["status"] }],
  },
  {
    colloquial: "今年上半年开了3次政法委全体会，研究了12个事。",
    faithful: "上半年召开政法委全体会议3次，研究议题12项。",
    unfaithful: [{ text: "上半年召开政法委全体会议3次，审议通过议题12项。", changed: ["approval"] }],
  },
  {
    colloquial: "这个事县委书记王建国批了，让我们抓紧办。",
    faithful: "县委书记王建国同志对此作出批示，要求抓紧办理。",
    unfaithful: [
      { text: "县委主要领导对此高度重视，要求抓紧办理。", changed: ["name", "approval"] },
    ],
  },
  {
    colloquial: "全县的群防群治队伍加起来有4200多人，村村都有。",
    faithful: "全县群防群治队伍共4200余人，实现村级全覆盖。",
    unfaithful: [{ text: "全县群防群治队伍共4200余人，部分村已组建。", changed: ["scope"] }],
  },
  {
    colloquial: "网上的舆情我们处置了57起，没发生炒作的。",
    faithful: "妥善处置网络舆情57起，未发生恶意炒作。",
    unfaithful: [{ text: "妥善处置网络舆情57起，发生恶意炒作后及时处置。", changed: ["negation"] }],
  },
  {
    colloquial: "执法司法的监督还不够，有些案子拖得比较久。",
    faithful: "执法司法监督仍有不足，个别案件办理周期较长。",
    unfaithful: [{ text: "执法司法监督持续加强，案件均在期限内办结。", changed: ["negation", "scope"] }],
  },
  {
    colloquial: "对重点路段我们准备再加装一些卡口，具体数还没定。",
    faithful: "拟在重点路段增设治安卡口，具体数量尚未确定。",
    unfaithful: [{ text: "已在重点路段增设治安卡口，具体数量已确定。", changed: ["status", "negation"] }],
  },
  {
    colloquial: "今年的平安建设考核，我们县排在全市第3。",
    faithful: "在全市平安建设考核中，我县位列第3名。",
    unfaithful: [{ text: "在全市平安建设考核中，我县位列第3名，获市委通报表扬。", changed: ["approval"] }],
  },
  {
    colloquial: "调解员的补贴是按件给的，有的镇还没发到位。",
    faithful: "调解员补贴实行以案定补，个别镇尚未足额发放。",
    unfaithful: [{ text: "调解员补贴实行以案定补，各镇均已足额发放。", changed: ["scope", "negation", "status"] }],
  },
  {
    colloquial: "欠薪的纠纷化了19件，帮农民工要回来工资86万元。",
    faithful: "化解欠薪纠纷19件，帮助农民工追回工资86万元。",
    unfaithful: [{ text: "化解欠薪纠纷19件，计划帮助农民工追回工资86万元。", changed: ["status"] }],
  },
  {
    colloquial: "消防的隐患查出来138处，整改了120处，剩下的还在改。",
    faithful: "排查消防安全隐患138处，已整改120处，其余隐患正在整改。",
    unfaithful: [{ text: "排查消防安全隐患138处，已整改120处，其余隐患已全部整改。", changed: ["status", "scope"] }],
  },
  {
    colloquial: "村规民约的修订，有的村弄完了，有的还在弄。",
    faithful: "村规民约修订工作中，部分村已完成，部分村正在推进。",
    unfaithful: [{ text: "村规民约修订工作已在各村全面完成。", changed: ["scope", "status"] }],
  },
];
