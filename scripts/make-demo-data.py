#!/usr/bin/env python3
"""Writes functions/ParkFinder.Functions/DemoData/demo-parks.json.

The parks, their cities, districts (GB/T 2260 adcodes) and approximate GCJ-02 coordinates are real;
every unit, rent, vacancy, rating and hotline is INVENTED for the demo (seeded, so reruns match).
"""
import json, random, os

random.seed(20261121)
DEMO_NOTE = "（演示数据：单元、租金、空置与评分均为虚构。）"
P = [
 # id, name, city, city name, district, district name, lat, lng, industries, space types, address
 ("p-tianan-futian", "深圳天安数码城", "440300", "深圳市", "440304", "福田区", 22.5347, 114.0276, ["电子信息", "软件和信息服务", "智能制造"], ["office", "factory"], "深圳市福田区车公庙泰然路"),
 ("p-songshanlake", "松山湖高新技术产业开发区", "441900", "东莞市", "441900", "东莞市(松山湖)", 22.9207, 113.8930, ["新一代电子信息", "生物医药", "机器人与智能装备"], ["factory", "office", "land"], "东莞市松山湖大道"),
 ("p-gz-science-city", "广州科学城", "440100", "广州市", "440112", "黄埔区", 23.1695, 113.4494, ["新一代信息技术", "生物医药", "新材料"], ["office", "factory", "warehouse"], "广州市黄埔区科学大道"),
 ("p-gz-knowledge-city", "广州中新知识城", "440100", "广州市", "440112", "黄埔区", 23.4030, 113.5200, ["集成电路", "生物医药", "新能源汽车"], ["land", "factory", "office"], "广州市黄埔区九龙大道"),
 ("p-cz-tech-street", "常州科技街产业园", "320400", "常州市", "320402", "天宁区", 31.8040, 119.9880, ["软件和信息服务", "智能制造"], ["office", "factory"], "常州市天宁区"),
 ("p-zgc-haidian", "中关村科技园区海淀园", "110000", "北京市", "110108", "海淀区", 39.9830, 116.3100, ["人工智能", "软件和信息服务", "集成电路设计"], ["office"], "北京市海淀区中关村大街"),
 ("p-zgc-yizhuang", "中关村科技园区大兴亦庄园", "110000", "北京市", "110115", "大兴区", 39.7950, 116.5060, ["集成电路", "高端装备", "生物医药"], ["factory", "office", "warehouse"], "北京经济技术开发区荣华中路"),
 ("p-zgc-changping", "中关村科技园区昌平园", "110000", "北京市", "110114", "昌平区", 40.2200, 116.2300, ["能源科技", "生物医药", "先进制造"], ["factory", "office"], "北京市昌平区科技园区"),
 ("p-zhangjiang", "张江高科技园区", "310000", "上海市", "310115", "浦东新区", 31.2030, 121.5900, ["集成电路", "生物医药", "人工智能"], ["office", "factory"], "上海市浦东新区张江路"),
 ("p-cd-hitech-south", "成都高新区南部园区", "510100", "成都市", "510107", "武侯区", 30.5800, 104.0600, ["电子信息", "软件和信息服务", "数字经济"], ["office"], "成都市高新区天府大道中段"),
 ("p-optics-valley-bio", "光谷生物城", "420100", "武汉市", "420115", "江夏区", 30.4800, 114.5000, ["生物医药", "医疗器械", "生物农业"], ["factory", "office", "land"], "武汉市东湖高新区高新大道"),
 ("p-szsec", "深圳湾科技生态园", "440300", "深圳市", "440305", "南山区", 22.5280, 113.9510, ["生成式人工智能", "软件和信息服务", "金融科技"], ["office"], "深圳市南山区高新南十道"),
 ("p-hz-future-sci-city", "杭州未来科技城", "330100", "杭州市", "330110", "余杭区", 30.2900, 120.0000, ["数字经济", "人工智能", "生物医药"], ["office", "factory"], "杭州市余杭区文一西路"),
 ("p-cz-west-taihu", "常州西太湖科技产业园", "320400", "常州市", "320412", "武进区", 31.7000, 119.8500, ["医疗器械", "石墨烯新材料", "生物医药"], ["factory", "office", "land"], "常州市武进区西太湖大道"),
 ("p-suzhou-sip", "苏州工业园区", "320500", "苏州市", "320576", "苏州工业园区", 31.3200, 120.7200, ["生物医药", "纳米技术", "人工智能", "集成电路"], ["factory", "office", "warehouse", "land"], "苏州工业园区星湖街"),
 ("p-cd-digital-imaging", "成都国际数字影像产业园", "510100", "成都市", "510106", "金牛区", 30.7200, 104.0500, ["数字影像", "文化创意", "数字经济"], ["office"], "成都市金牛区"),
 ("p-sz-quanzhi", "深圳全至科技创新园", "440300", "深圳市", "440306", "宝安区", 22.5800, 113.8700, ["智能硬件", "电子信息", "科技服务"], ["office", "factory"], "深圳市宝安区西乡街道"),
 ("p-cd-medical-city", "成都医学城", "510100", "成都市", "510115", "温江区", 30.7000, 103.8400, ["生物医药", "医疗器械", "医疗健康服务"], ["factory", "office", "land"], "成都市温江区海峡两岸科技产业开发园"),
 ("p-qbj-rail-port", "青白江国际铁路港", "510100", "成都市", "510113", "青白江区", 30.8000, 104.2400, ["现代物流", "国际贸易", "先进制造"], ["warehouse", "land", "factory"], "成都市青白江区香岛大道"),
 ("p-haining-semi", "海宁半导体产业园", "330400", "嘉兴市", "330481", "海宁市", 30.5100, 120.6900, ["半导体", "集成电路", "泛半导体装备"], ["factory", "land"], "嘉兴市海宁市海昌街道"),
 ("p-zgc-medical-devices", "中关村医疗器械园", "110000", "北京市", "110115", "大兴区", 39.7600, 116.3600, ["医疗器械", "生物医药"], ["factory", "office"], "北京市大兴区生物医药基地"),
 ("p-jinyu-zhizao", "金隅智造工场", "110000", "北京市", "110108", "海淀区", 40.0600, 116.3400, ["智能制造", "人工智能", "机器人"], ["factory", "office"], "北京市海淀区西三旗建材城中路"),
 ("p-western-sci-city", "西部(成都)科学城", "510100", "成都市", "510116", "双流区", 30.4100, 104.0700, ["电子信息", "航空航天", "生物医药", "人工智能"], ["office", "factory", "land"], "成都市双流区"),
 ("p-suzhou-snd", "苏州国家高新技术产业开发区", "320500", "苏州市", "320505", "虎丘区", 31.2980, 120.5440, ["新一代信息技术", "高端装备制造", "医疗器械"], ["factory", "warehouse", "office"], "苏州市虎丘区狮山路"),
]
RENT = {  # space type: (unit, low, high)
 "office": ("CNY/m2/day", 2.0, 8.5),
 "factory": ("CNY/m2/month", 18.0, 65.0),
 "warehouse": ("CNY/m2/month", 15.0, 45.0),
 "land": ("CNY/mu/year", 12000.0, 60000.0),
}
AREA = {"office": (80, 3000), "factory": (500, 12000), "warehouse": (800, 20000), "land": (6667, 133340)}
PARK_TAGS = ["可注册", "人才公寓", "地铁沿线", "专业孵化器", "国家级园区", "政策扶持"]
UNIT_TAGS = {"factory": ["可环评", "有产证", "独栋", "双回路供电"], "warehouse": ["高标仓", "有产证", "可分租"],
             "office": ["精装修", "可注册", "拎包入住"], "land": ["可环评", "七通一平"]}
POLICIES = [("funding", "研发投入补贴", "按年度研发费用给予一定比例补贴"), ("talent", "高层次人才安居", "符合条件的人才可申请人才公寓"),
            ("rent", "入园租金减免", "首年租金按比例减免"), ("registration", "一站式注册", "园区提供工商注册代办服务"),
            ("tax", "税收奖励", "按地方留成部分给予奖励")]

parks = []
for (pid, name, city, cityname, dist, distname, lat, lng, inds, types, addr) in P:
    units = []
    for i in range(random.randint(5, 9)):
        t = random.choice(types)
        unit, lo, hi = RENT[t]
        alo, ahi = AREA[t]
        area = round(random.uniform(alo, ahi), -1 if t != "land" else 0)
        status = random.choices(["available", "reserved", "leased"], [5, 1, 4])[0]
        u = {"id": f"{t[:1].upper()}-{i + 1:03d}", "spaceType": t, "name": f"{ {'office': '写字楼', 'factory': '厂房', 'warehouse': '仓库', 'land': '工业用地'}[t]}{i + 1}号",
             "floor": None if t == "land" else str(random.randint(1, 20 if t == "office" else 4)),
             "area": area, "rent": {"amount": round(random.uniform(lo, hi), 1 if t != "land" else -2), "unit": unit},
             "status": status, "availableFrom": "2026-12-01" if status == "available" else None,
             "tags": random.sample(UNIT_TAGS[t], random.randint(0, 2))}
        if t in ("factory", "warehouse"):
            u["ceilingHeightM"] = round(random.uniform(6, 14), 1)
            u["floorLoadTPerM2"] = round(random.uniform(1, 5), 1)
            u["powerKva"] = random.choice([250, 400, 630, 800, 1250, 2000])
        units.append(u)
    parks.append({
        "id": pid, "name": name, "city": {"code": city, "name": cityname}, "district": {"code": dist, "name": distname},
        "lat": lat, "lng": lng, "industries": inds, "stars": random.randint(3, 5), "address": addr,
        "description": f"{name}，主导产业：{'、'.join(inds)}。{DEMO_NOTE}",
        "tags": random.sample(PARK_TAGS, 3) + ["演示数据"],
        "policies": [dict(zip(("category", "title", "summary"), p)) for p in random.sample(POLICIES, 2)],
        "facilities": random.sample(["人才公寓", "员工食堂", "地铁站", "公交接驳", "会议中心", "健身中心"], 3),
        "contact": {"hotline": f"400-800-{random.randint(1000, 9999)}", "name": "招商中心（虚构）"},
        "rating": {"stars": None, "scores": {"location": round(random.uniform(3.5, 5), 1), "facilities": round(random.uniform(3.5, 5), 1), "service": round(random.uniform(3.5, 5), 1)}},
        "units": units,
    })
    parks[-1]["rating"]["stars"] = parks[-1]["stars"]

# Invented enterprises (演示数据: no real company), so chains, gaps and future-track scores have data:
# (name, industry, chain, segment, role, since). 光谷生物城 leads 未来健康 and 深圳湾科技生态园 未来信息.
E = {
 "p-optics-valley-bio": [
  ("华瑞细胞治疗", "细胞与基因治疗", "biomedicine", "biologics", "anchor", 2016), ("楚天合成生物", "合成生物", "biomedicine", "biologics", "anchor", 2018),
  ("光谷脑机接口研究院", "脑机接口", "biomedicine", "devices", "supporting", 2021), ("江城基因编辑", "细胞与基因治疗", None, None, "supporting", 2019),
  ("汉药创新药", "生物医药", "biomedicine", "innovative-drugs", "supporting", 2015), ("九峰临床CRO", "医药研发服务", "biomedicine", "cro", "other", 2017),
  ("东湖体外诊断", "医疗器械", "biomedicine", "devices", "other", 2014)],
 "p-szsec": [
  ("湾区大模型", "生成式人工智能", "artificial-intelligence", "foundation-models", "anchor", 2020), ("南山AI芯片", "集成电路设计", "integrated-circuit", "design", "anchor", 2017),
  ("深蓝量子通信", "量子信息", None, None, "supporting", 2022), ("科兴视觉算法", "人工智能", "artificial-intelligence", "algorithms", "supporting", 2019),
  ("前海金融科技", "金融科技", "artificial-intelligence", "applications", "other", 2016), ("高新数据标注", "数据服务", "artificial-intelligence", "data", "other", 2021)],
 "p-zgc-haidian": [
  ("海淀通用大模型", "生成式人工智能", "artificial-intelligence", "foundation-models", "anchor", 2019), ("中关村量子计算", "量子信息", None, None, "supporting", 2020),
  ("燕园芯片设计", "集成电路设计", "integrated-circuit", "design", "supporting", 2012), ("清河合成生物", "合成生物", "biomedicine", "biologics", "supporting", 2021),
  ("上地智能制造", "智能制造", "high-end-equipment", "integration", "supporting", 2015), ("西山卫星互联网", "商业航天", "high-end-equipment", "aerospace", "supporting", 2020),
  ("学院路氢能", "氢能", None, None, "other", 2022), ("海淀新材料", "新材料", None, None, "other", 2018)],
 "p-gz-knowledge-city": [
  ("知识城整车", "新能源汽车", "new-energy-vehicle", "vehicle", "anchor", 2019), ("九龙动力电池", "动力电池", "new-energy-vehicle", "battery-cell", "supporting", 2020),
  ("黄埔电驱科技", "汽车零部件", "new-energy-vehicle", "e-drive", "supporting", 2021), ("粤芯晶圆", "晶圆制造", "integrated-circuit", "foundry", "anchor", 2018),
  ("知识城封测", "封装测试", "integrated-circuit", "packaging", "supporting", 2021)],
 "p-western-sci-city": [
  ("天府新能源汽车", "新能源汽车", "new-energy-vehicle", "vehicle", "anchor", 2018), ("双流电池包系统", "动力电池", "new-energy-vehicle", "battery-pack", "supporting", 2020),
  ("蓉城充换电", "充换电", "new-energy-vehicle", "charging", "other", 2021), ("西部航空装备", "航空航天", "high-end-equipment", "aerospace", "anchor", 2016),
  ("科学城AI算法", "人工智能", "artificial-intelligence", "algorithms", "supporting", 2020)],
 "p-qbj-rail-port": [
  ("青白江电池包", "动力电池", "new-energy-vehicle", "battery-pack", "supporting", 2021), ("铁路港汽车物流", "现代物流", None, None, "other", 2017),
  ("欧亚轨道装备", "轨道交通", "high-end-equipment", "rail", "anchor", 2015)],
 "p-zhangjiang": [
  ("张江晶圆制造", "晶圆制造", "integrated-circuit", "foundry", "anchor", 2001), ("浦东芯片设计", "集成电路设计", "integrated-circuit", "design", "supporting", 2010),
  ("张江抗体药", "生物制品", "biomedicine", "biologics", "anchor", 2008), ("科苑CDMO", "生物医药", "biomedicine", "cdmo", "supporting", 2015),
  ("张江大模型", "生成式人工智能", "artificial-intelligence", "foundation-models", "supporting", 2023)],
 "p-haining-semi": [
  ("海宁刻蚀设备", "泛半导体装备", "integrated-circuit", "equipment", "anchor", 2016), ("钱塘硅片", "半导体材料", "integrated-circuit", "materials", "supporting", 2018),
  ("海宁封测", "封装测试", "integrated-circuit", "packaging", "supporting", 2019)],
 "p-cz-west-taihu": [
  ("西太湖石墨烯", "石墨烯新材料", None, None, "anchor", 2013), ("武进碳纤维复合材料", "新材料", None, None, "supporting", 2016),
  ("太湖医疗器械", "医疗器械", "biomedicine", "devices", "supporting", 2015)],
 "p-cd-digital-imaging": [
  ("金牛超高清制作", "超高清视频", "new-display", "devices", "anchor", 2019), ("蓉城显示模组", "新型显示", "new-display", "modules", "supporting", 2020)],
 "p-cd-medical-city": [
  ("温江创新药", "生物医药", "biomedicine", "innovative-drugs", "anchor", 2014), ("医学城器械", "医疗器械", "biomedicine", "devices", "supporting", 2016),
  ("海峡医药物流", "医药流通", "biomedicine", "distribution", "other", 2018)],
 "p-suzhou-sip": [
  ("园区生物药", "生物制品", "biomedicine", "biologics", "anchor", 2009), ("独墅湖纳米制造", "纳米技术", None, None, "supporting", 2012),
  ("星湖芯片设计", "集成电路设计", "integrated-circuit", "design", "supporting", 2014), ("金鸡湖机器人", "工业机器人", "high-end-equipment", "industrial-robots", "supporting", 2017)],
 "p-jinyu-zhizao": [
  ("金隅协作机器人", "工业机器人", "high-end-equipment", "industrial-robots", "anchor", 2019), ("智造工场伺服", "核心零部件", "high-end-equipment", "components", "supporting", 2020)],
 "p-songshanlake": [
  ("松湖机器人", "机器人与智能装备", "high-end-equipment", "industrial-robots", "anchor", 2014), ("松湖显示面板", "新型显示", "new-display", "panels", "supporting", 2016)],
}

# Edits to the draws, kept here so the file is still this script's output: 深圳湾科技生态园 has an office
# available now (the demo's landlord walk-through and tests start from it).
EDITS = {("p-szsec", "O-001"): {"status": "available", "availableFrom": "2026-12-01"}}
for p in parks:
    for u in p["units"]:
        u.update(EDITS.get((p["id"], u["id"]), {}))

for p in parks:
    p["enterprises"] = [{"name": f"{n}(演示数据)", "industry": i, "chain": c, "segment": s, "role": r, "since": y} for (n, i, c, s, r, y) in E.get(p["id"], [])]

out = os.path.join(os.path.dirname(__file__), "..", "functions", "ParkFinder.Functions", "DemoData", "demo-parks.json")
with open(out, "w", encoding="utf-8") as f:
    json.dump(parks, f, ensure_ascii=False, indent=1)
print(f"wrote {len(parks)} parks, {sum(len(p['units']) for p in parks)} units to {os.path.normpath(out)}")
