# Generates Corpus/lexicons/ru/triggers.tsv: Russian verbs in every past form (gender, number), present
# and perfective future (left out: a future is no event), short and long passive participles, active
# participles, gerunds, and the nouns in every case. General vocabulary only.
# usage: python3 Scripts/lexicons/ru-forms.py > Corpus/lexicons/ru/triggers.tsv
rows = []
def add(forms, typ, roles, w, suffix=""):
    for f in forms: rows.append((f + suffix, typ, roles, w))

def past(stem):            # захвати -> захватил, захватила, захватило, захватили
    return [stem + "л", stem + "ла", stem + "ло", stem + "ли"]
def past_refl(stem):       # ворва -> ворвался, ворвалась, ворвалось, ворвались
    return [stem + "лся", stem + "лась", stem + "лось", stem + "лись"]
def short_pass(stem):      # захвачен -> захвачен, захвачена, захвачено, захвачены
    return [stem, stem + "а", stem + "о", stem + "ы"]
def adj(stem, soft=False):  # захваченн -> захваченный, -ого, -ому, -ым, -ом, -ая, -ой, -ую, -ое, -ые, -ых, -ыми
    y = "и" if soft else "ы"
    return [stem + e for e in [y + "й", "ого", "ому", y + "м", "ом", "ая", "ой", "ую", "ое", y + "е", y + "х", y + "ми"]]
def act_part(stem):        # захвативш -> захвативший, -его, -ие, -их ...
    return [stem + e for e in ["ий", "его", "ему", "им", "ем", "ая", "ей", "ую", "ее", "ие", "их", "ими"]]
def noun_m(stem):          # захват -> захват, захвата, захвату, захватом, захвате
    return [stem, stem + "а", stem + "у", stem + "ом", stem + "е", stem + "ы", stem + "ов", stem + "ами", stem + "ах"]
def noun_ie(stem):         # наступлени -> наступление, -ия, -ию, -ием, -ии, -ий, -иям, -иями, -иях
    return [stem + e for e in ["е", "я", "ю", "ем", "и", "й", "ям", "ями", "ях"]]
def noun_a(stem, soft=False):  # операци -> операция ...; атак -> атака, атаки, атаке, атаку, атакой, атак, атакам
    if soft: return [stem + e for e in ["я", "и", "ю", "ей", "й", "ям", "ями", "ях"]]
    return [stem + e for e in ["а", "и", "ы", "е", "у", "ой", "", "ам", "ами", "ах"]]

# --- capture (SVO: the place follows; a passive or "X пал" puts it first)
add(past("захвати") + ["захватывают", "захватывает", "захватив", "захватывали"] + act_part("захвативш"), "capture", "place_after", 0.9)
add(short_pass("захвачен") + adj("захваченн"), "capture", "", 0.85)
add(noun_m("захват"), "capture", "place_after", 0.85)
for obj in ["под контроль", "под свой контроль"]:
    add(past("взя") + ["взяв", "берут", "взявшие", "взявших"], "capture", "place_after", 0.9, " " + obj)
    add(short_pass("взят"), "capture", "place_before", 0.9, " " + obj)
add(past("взя") + ["взяв"], "capture", "place_after", 0.75)
add(short_pass("взят"), "capture", "place_before", 0.75)
add(noun_ie("взяти"), "capture", "place_after", 0.85)
for v in ["установи", "восстанови", "верну", "получи", "обеспечи"]:
    add(past(v) + [v[:-1] + "в"], "capture", "place_after", 0.9, " контроль над")
    add(past(v), "capture", "place_after", 0.85, " полный контроль над")
add(["устанавливают контроль над", "установлен контроль над", "восстановлен контроль над", "контроль над", "полный контроль над", "установление контроля над", "восстановление контроля над", "контроля над"], "capture", "place_after", 0.8)
add(["перешёл", "перешел", "перешла", "перешло", "перешли", "переходит", "переходят", "оказался", "оказалась", "оказались"], "capture", "place_before,actor_after", 0.85, " под контроль")
add(past("освободи") + ["освободив"], "capture", "place_after", 0.8)
# passives: "Алеппо был освобождён", "освобождённый Алеппо": the place on either side
add(short_pass("освобождён") + short_pass("освобожден") + adj("освобождённ") + adj("освобожденн"), "capture", "", 0.8)
add(noun_ie("освобождени"), "capture", "place_after", 0.75)
add(past("овладе") + ["овладев"], "capture", "place_after", 0.85)
add(past("заня") + ["заняв", "занимают"], "capture", "place_after", 0.8)
add(short_pass("занят"), "capture", "", 0.75)
add(["пал", "пала", "пало", "пали"], "capture", "place_before,actor_after", 0.85)
add(noun_ie("падени"), "capture", "place_after", 0.85)
add(past("сда") + ["сдан", "сдана", "сдано", "сданы"], "capture", "place_after", 0.75)
add(noun_a("сдач"), "capture", "place_after", 0.8)
add(past("отби") + past("отвоева") + ["отвоёван", "отвоевана", "отвоеван", "отвоёвана", "отвоёвано", "отвоёваны"], "capture", "place_after", 0.85)
add(past("зачисти"), "capture", "place_after", 0.7)
for v in ["занявш", "взявш", "освободивш", "овладевш", "отбивш", "отвоевавш"]:
    add(act_part(v), "capture", "place_after", 0.8)
add(["вернул себе", "вернула себе", "вернуло себе", "вернули себе", "вернув себе"], "capture", "place_after", 0.85)
# --- reach
for v, s in [("вош", ""), ("вступи", ""), ("прорва", "refl"), ("ворва", "refl"), ("проник", "")]:
    forms = past_refl(v) if s == "refl" else (["вошёл", "вошел", "вошла", "вошло", "вошли"] if v == "вош" else past(v))
    if v == "проник": forms = ["проник", "проникла", "проникло", "проникли"]
    add(forms, "reach", "place_after", 0.85, " в")
    add(forms, "reach", "place_after", 0.8)
add(["зашёл в", "зашел в", "зашла в", "зашло в", "зашли в", "заходят в", "зайдя в"] + act_part("вошедш") + act_part("ворвавш"), "reach", "place_after", 0.8)
add(["войти в", "ворваться в", "вступить в"], "reach", "place_after", 0.65)
add(["входят в", "входит в", "вступают в", "врываются в", "войдя в", "вступив в", "ворвавшись в", "вход в", "вступление в", "вступления в", "входа в"], "reach", "place_after", 0.8)
add(["достиг", "достигла", "достигло", "достигли", "достигают", "достигнув"], "reach", "place_after", 0.8)
for v in ["подош", "выш"]:
    add([v + e for e in (["ёл", "ел", "ла", "ло", "ли"])], "reach", "place_after", 0.85, " к окраинам")
    add([v + e for e in (["ёл", "ел", "ла", "ло", "ли"])], "reach", "place_after", 0.85, " к воротам")
add(["на окраинах", "на окраине", "у ворот", "у стен"], "reach", "place_after", 0.7)
# --- withdrawal (the place follows "из": origin_is_place)
add(["отступать", "отходить", "выходить из", "уходить из"], "withdrawal", "place_after,origin_is_place", 0.65)
add(past("отступи") + ["отступают", "отступив"] + act_part("отступивш"), "withdrawal", "place_after,origin_is_place", 0.85)
add(noun_ie("отступлени"), "withdrawal", "place_after,origin_is_place", 0.85)
add(["отошёл", "отошел", "отошла", "отошло", "отошли", "отходят", "отойдя"], "withdrawal", "place_after,origin_is_place", 0.85)
add(["вышел из", "вышла из", "вышло из", "вышли из", "выходят из", "выйдя из", "вывели войска из", "вывели из", "выведены из", "вывод войск из", "отвод войск из", "отвели войска из", "ушли из", "ушёл из", "ушла из", "уход из", "выход из"], "withdrawal", "place_after,origin_is_place", 0.85)
add(["покидают", "покидали", "покидать"], "displacement", "origin_is_place", 0.7)
add(past("покину") + ["покинув"] + act_part("покинувш"), "withdrawal", "place_after,origin_is_place", 0.75)
add(past("остави") + ["оставив", "оставлен", "оставлена", "оставлено", "оставлены"], "withdrawal", "place_after,origin_is_place", 0.7)
add(noun_ie("передислокаци") + past("передислоцирова") + short_pass("передислоцирован") + ["передислоцировав"], "withdrawal", "place_after,origin_is_place", 0.8)
add(past("перегруппирова") + ["перегруппировка", "перегруппировки", "перегруппировку"], "withdrawal", "place_after,origin_is_place", 0.7)
# --- offensive
add(noun_ie("наступлени") + noun_ie("контрнаступлени"), "offensive", "place_after,origin_is_place", 0.75)
add(past("нача") + ["начав", "начинают", "начало"], "offensive", "place_after,origin_is_place", 0.85, " наступление на")
add(past("нача") + ["начав"], "offensive", "place_after,origin_is_place", 0.85, " наступление")
add(past("нача") + ["начав"], "offensive", "place_after,origin_is_place", 0.85, " операцию")
add(past("запусти"), "offensive", "place_after,origin_is_place", 0.8, " операцию")
add(noun_a("операци", soft=True) + noun_a("спецоперац", soft=True), "offensive", "place_after,origin_is_place", 0.65)
add(noun_m("штурм"), "offensive", "place_after,origin_is_place", 0.75)
add(past("атакова") + ["атакуют", "атакует", "атаковав"], "offensive", "place_after,origin_is_place", 0.75)
add(noun_a("атак"), "offensive", "place_after,origin_is_place", 0.6)
# --- clash
add(["бои", "боёв", "боев", "боях", "боями", "бой", "боя", "бою", "боем"], "clash", "", 0.8)
add(noun_ie("столкновени") + noun_ie("боестолкновени") + noun_ie("сражени"), "clash", "", 0.8)
add(noun_a("перестрелк") + noun_a("схватк"), "clash", "", 0.75)
add(["боевые действия", "боевых действий", "боевыми действиями", "боевых действиях"], "clash", "", 0.8)
add(past("сражали") and ["сражались", "сражаются", "сражался", "сражалась", "вели бои", "ведут бои", "ведутся бои", "шли бои", "идут бои", "продолжаются бои"], "clash", "", 0.8)
# --- airstrike
add(noun_m("авиаудар") + noun_m("авианалёт") + noun_m("авианалет") + noun_m("налёт") + noun_m("налет"), "airstrike", "", 0.85)
add(noun_a("бомбардировк") + noun_a("авиабомбардировк"), "airstrike", "", 0.85)
add(past("бомби") + past("разбомби") + ["бомбят", "бомбит"], "airstrike", "", 0.8)
for v in ["нанос", "нанес", "нанёс"]:
    pass
add(["наносят удары по", "наносили удары по", "нанесли удары по", "нанесли удар по", "нанёс удар по", "нанес удар по", "нанесла удар по", "наносит удары по", "наносила удары по", "наносил удары по", "нанесли авиаудары по", "наносят авиаудары по", "удары по", "удар по", "ударов по", "ударами по"], "airstrike", "place_after", 0.75)
add(["удары с воздуха", "ударов с воздуха", "удар беспилотника", "удары беспилотников", "ударов беспилотников", "атаки беспилотников", "атака беспилотника", "удары авиации", "ударов авиации", "удар авиации"], "airstrike", "", 0.85)
# --- shelling
add(noun_m("обстрел") + noun_m("артобстрел") + noun_m("миномётный обстрел") + noun_m("ракетный обстрел"), "shelling", "", 0.85)
add(past("обстреля") + ["обстреливают", "обстреливали", "обстреливает"], "shelling", "", 0.85)
add(["артиллерийский огонь", "артиллерийского огня", "артиллерийским огнём", "артиллерийским огнем", "ракетный удар", "ракетного удара", "ракетные удары", "ракетных ударов", "ракетными ударами", "артиллерийские удары", "артиллерийских ударов", "артудары", "артударов", "огонь артиллерии", "огнём артиллерии"], "shelling", "", 0.85)
# --- casualties
add(["погиб", "погибла", "погибло", "погибли", "погибают", "погибших", "погибшие", "погибшими", "гибель", "гибели", "гибелью", "число погибших", "число жертв", "жертвами", "жертв", "жертвы"], "casualties", "", 0.8)
add(short_pass("убит") + ["убили", "убил", "убила", "убитых", "убитые"], "casualties", "", 0.8)
add(short_pass("ранен") + ["раненых", "раненые", "ранения", "ранили"], "casualties", "", 0.65)
add(short_pass("уничтожен") + short_pass("ликвидирован") + ["уничтожили", "ликвидировали", "уничтожено более", "уничтожены не менее", "уничтожены до"], "casualties", "", 0.65)
add(noun_ie("уничтожени"), "casualties", "", 0.55)
# --- displacement
add(["бежали", "бежал", "бежала", "бегут", "бежав", "спасаясь", "бегство", "бегства", "исход", "исхода", "массовый исход"], "displacement", "origin_is_place", 0.75)
add(["беженцы", "беженцев", "беженцами", "вынужденные переселенцы", "вынужденных переселенцев", "перемещённые лица", "перемещённых лиц", "перемещенных лиц", "покинули свои дома", "покидают свои дома", "покинуть свои дома", "эвакуировались", "эвакуированы"], "displacement", "origin_is_place", 0.8)
add(["выехали из", "выехал из", "выехала из", "выезжают из", "уезжают из", "уехали из", "выехали", "уезжают", "уехали"], "displacement", "origin_is_place", 0.75)
# --- prisoner release (longer than the capture sense of "освободили")
for o in ["заключённых", "заключенных", "узников", "пленных", "задержанных"]:
    add(past("освободи") + past("выпусти") + noun_ie("освобождени"), "prisoner_release", "", 0.85, " " + o)
add(["освобождены из тюрьмы", "освобождён из тюрьмы", "освобождены из тюрем", "выпущены из тюрьмы", "выпущены на свободу", "вышли на свободу", "вышли из тюрьмы", "открыли ворота тюрьмы", "открыли двери тюрьмы"], "prisoner_release", "", 0.85)

seen = set(); out = []
for p, t, r, w in rows:
    if p in seen: continue
    seen.add(p); out.append(f"{p}\t{t}\t{r}\t{w}")
print("""# Russian triggers, generated by Scripts/lexicons/ru-forms.py (edit that, not this file): past forms of
# every gender and number, present, gerunds, participles, passives and nouns in every case. Place names
# decline too: their case forms come from name-forms.tsv. Future forms are left out: no event.
pattern\ttype\troles\tweight""")
print("\n".join(out))
