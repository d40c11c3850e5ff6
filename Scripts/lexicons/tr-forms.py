# Generates Corpus/lexicons/tr/triggers.tsv: Turkish verb paradigms and noun case forms, with vowel
# harmony and consonant assimilation. General vocabulary only.
BACK = set("aıou"); FRONT = set("eiöü")
VOW = set("aıoueiöü")
VOICELESS = set("çfhkpsşt")
def last_vowel(s):
    for ch in reversed(s):
        if ch in VOW: return ch
    return "e"
def h2(s): return "a" if last_vowel(s) in BACK else "e"
def h4(s):
    v = last_vowel(s)
    return {"a":"ı","ı":"ı","o":"u","u":"u","e":"i","i":"i","ö":"ü","ü":"ü"}[v]
def D(s): return "t" if s[-1] in VOICELESS else "d"

def past(stem):
    d, i = D(stem), h4(stem)
    p = stem + d + i
    k = p.replace(d + i, "", 0)
    rel = stem + d + i + ("ğ" if True else "")  # -dığ-
    a = h2(stem)
    return [p, p + "l" + a + "r", p + "k", stem + d + i + "ğ" + i + "n" + i, stem + d + i + "k" + "l" + a + "r" + i + "n" + i,
            stem + d + i + "ğ" + i, stem + d + i + "k" + "l" + a + "r" + i, stem + d + i + "ğ" + i + "n" + d + a,
            stem + d + i + "k" + "t" + a + "n", stem + d + i + "ğ" + i + "n" + i + "n"]
def evid(stem):
    i = h4(stem); a = h2(stem)
    m = stem + "m" + i + "ş"
    return [m, m + "l" + a + "r", m + "t" + i, m + "t" + i + "r", m + "l" + a + "r" + "d" + i]
def prog(stem):
    if stem[-1] in VOW:
        base = stem[:-1] + h4(stem[:-1] if stem[:-1][-1:] in VOW else stem[:-1]) if False else stem[:-1] + h4(stem[:-1])
        base = stem[:-1] + ("ı" if stem[-1] in "aı" else "i" if stem[-1] in "ei" else "u" if stem[-1] in "ou" else "ü")
    else:
        base = stem + h4(stem)
    return [base + "yor", base + "yorlar", base + "yordu"]
def buffer(stem): return "y" if stem[-1] in VOW else ""
def participle(stem):
    a = h2(stem); return [stem + buffer(stem) + a + "n", stem + buffer(stem) + a + "nl" + a + "r"]
def converb(stem):
    a = h2(stem); i = h4(stem)
    return [stem + buffer(stem) + a + "r" + a + "k", stem + buffer(stem) + i + "nc" + a] + ([stem + i + "p"] if stem[-1] not in VOW else [stem + "yip" if a == "e" else stem + "yıp"])
def vnoun(stem):
    a = h2(stem); i = h4(stem)
    m = stem + "m" + a + "s" + i
    return [m, m + "n" + i + "n", m + "n" + d_(m) + a + "n", m + "yl" + a, m + "n" + a, m + "n" + i]
def d_(s): return "d"
def passive(stem, irregular=None):
    if irregular: return irregular
    if stem[-1] in VOW: return stem + "n"
    if stem[-1] == "l": return stem + h4(stem) + "n"
    return stem + h4(stem) + "l"
def paradigm(stem, pas=None, with_passive=True):
    out = past(stem) + evid(stem) + prog(stem) + participle(stem) + converb(stem) + vnoun(stem)
    if with_passive:
        ps = passive(stem, pas)
        out += past(ps) + evid(ps) + vnoun(ps) + converb(ps)
    return out
def passive_participles(stem, pas=None):
    ps = passive(stem, pas)
    return participle(ps)

NOUN_CASES = lambda n: noun_forms(n)
def noun_forms(n, poss=True):
    a = h2(n); i = h4(n); d = D(n)
    v = n[-1] in VOW
    forms = [n]
    forms += [n + d + a, n + d + a + "n", n + ("y" if v else "") + a, n + ("n" if v else "") + i + "n",
              n + ("y" if v else "") + "l" + a, n + ("y" if v else "") + i]
    pl = n + "l" + a + "r"; pa = "a"; pi = "ı"
    if a == "e": pa, pi = "e", "i"
    forms += [pl, pl + "d" + pa, pl + "d" + pa + "n", pl + pa, pl + pi + "n", pl + "l" + pa, pl + pi]
    if poss:  # 3rd person possessive: saldırısı, saldırısında ...
        p = n + ("s" if v else "") + i
        forms += [p, p + "n" + d_(p) + a, p + "nd" + a + "n", p + "n" + a, p + "n" + i + "n", p + "yl" + a, p + "n" + i]
        pp = pl + pi
        forms += [pp, pp + "nd" + pa, pp + "nd" + pa + "n", pp + "n" + pa, pp + "n" + pi + "n", pp + "yl" + pa, pp + "n" + pi]
    return forms

rows = []
def add(forms, typ, roles, w, prefix=""):
    for f in forms:
        rows.append((prefix + f, typ, roles, w))

# --- capture
add(paradigm("geçir"), "capture", "place_before", 0.9, "ele ")
# a passive participle stands before the noun it describes ("muhaliflerce ele geçirilen Halep"): either side
add(passive_participles("geçir"), "capture", "", 0.85, "ele ")
for pre in ["kontrol altına ", "kontrolü altına ", "geri "]:
    add(passive_participles("al", "alın"), "capture", "", 0.85, pre)
add(["fethedilen", "kurtarılan", "zaptedilen"], "capture", "", 0.8)
add(paradigm("al", "alın"), "capture", "place_before", 0.9, "kontrol altına ")
add(paradigm("al", "alın"), "capture", "place_before", 0.9, "kontrolü altına ")
add(paradigm("al", "alın"), "capture", "place_before", 0.85, "kontrolüne ")
add(paradigm("al", "alın"), "capture", "place_before", 0.85, "denetimine ")
add(paradigm("al", "alın"), "capture", "place_before", 0.85, "denetim altına ")
add(paradigm("al", "alın"), "capture", "place_before", 0.85, "geri ")
add(paradigm("sağla"), "capture", "place_before", 0.8, "kontrolü ")
add(paradigm("sağla"), "capture", "place_before", 0.8, "kontrolünü ")
add(paradigm("fethet", "fethedil"), "capture", "place_before", 0.85)
add(["fethetti", "fethettiler", "fethettik", "fethettiğini", "fethettiklerini", "fethedildi", "fethedildiğini", "fethedilen", "fethedilmesi", "fethedilmesinin"], "capture", "place_before", 0.85)
add(paradigm("kurtar"), "capture", "place_before", 0.7)
add(paradigm("zaptet", "zaptedil"), "capture", "place_before", 0.85)
add(["zaptetti", "zaptettiler", "zaptedildi", "zaptedilen"], "capture", "place_before", 0.85)
add(paradigm("değiştir", with_passive=False), "capture", "place_before", 0.8, "el ")
add([f for f in paradigm("düş", with_passive=False) if not f.endswith("ünce")], "capture", "place_before", 0.8)  # düşünce = thought
add(paradigm("geç", with_passive=False), "capture", "place_before,actor_after", 0.85, "eline ")
add(paradigm("geç", with_passive=False), "capture", "place_before", 0.85, "kontrolüne ")
add(paradigm("geç", with_passive=False), "capture", "place_before", 0.85, "denetimine ")
add(paradigm("çık", with_passive=False), "capture", "place_before", 0.8, "kontrolünden ")
add(paradigm("çık", with_passive=False), "capture", "place_before", 0.8, "denetiminden ")
add(noun_forms("düşüş"), "capture", "place_before", 0.85)
add(noun_forms("kontrol"), "capture", "place_before", 0.6, "tam ")
add(["hakimiyet kurdu", "hakimiyet kurdular", "hakimiyet kurduğunu", "hakimiyet kurduklarını", "hakimiyeti ele geçirdi"], "capture", "place_before", 0.85)
# --- reach
add(paradigm("gir", with_passive=False), "reach", "place_before", 0.85)
add(paradigm("ulaş", with_passive=False), "reach", "place_before", 0.8)
add(paradigm("dayan", with_passive=False), "reach", "place_before", 0.8, "kapılarına ")
add(paradigm("gel", with_passive=False), "reach", "place_before", 0.8, "kapılarına ")
add(paradigm("gir", with_passive=False), "reach", "place_before", 0.85, "içine ")
add(paradigm("gir", with_passive=False), "reach", "place_before", 0.85, "merkezine ")
# --- withdrawal
add(paradigm("çekil", with_passive=False), "withdrawal", "place_before,origin_is_place", 0.85)
add(paradigm("çekil", with_passive=False), "withdrawal", "place_before,origin_is_place", 0.9, "geri ")
add(paradigm("konuşlandır", "konuşlandırıl"), "withdrawal", "place_before,origin_is_place", 0.8, "yeniden ")
add(paradigm("konuşlan", with_passive=False), "withdrawal", "place_before,origin_is_place", 0.8, "yeniden ")
add(paradigm("et", "edil"), "withdrawal", "place_before,origin_is_place", 0.75, "terk ")
add(["terk etti", "terk ettiler", "terk ettiğini", "terk ettiklerini", "terk ederek", "terk edildi", "terk eden", "terk edilen", "terk etmesi"], "withdrawal", "place_before,origin_is_place", 0.75)
add(noun_forms("çekilme"), "withdrawal", "place_before,origin_is_place", 0.8)
add(noun_forms("geri çekilme"), "withdrawal", "place_before,origin_is_place", 0.85)
# --- offensive
for n in ["operasyon", "harekat", "harekât", "taarruz", "karşı taarruz", "kara harekatı", "askeri operasyon"]:
    add(noun_forms(n), "offensive", "place_before", 0.7)
add(paradigm("başlat"), "offensive", "place_before", 0.7)
add(paradigm("geç", with_passive=False), "offensive", "place_before", 0.8, "taarruza ")
add(paradigm("geç", with_passive=False), "offensive", "place_before", 0.8, "saldırıya ")
# --- clash
for n in ["çatışma", "çarpışma", "muharebe", "sokak çatışması"]:
    # the dative is "çatışmaya girmeden" (without fighting) as often as a fight: left out
    add([f for f in noun_forms(n) if not f.endswith(("ya", "ye"))], "clash", "", 0.8)
add(paradigm("çatış", with_passive=False), "clash", "", 0.8)
add(paradigm("yaşan", with_passive=False), "clash", "", 0.85, "çatışmalar ")
# --- airstrike
for n in ["hava saldırı", "hava harekatı", "hava bombardımanı", "hava akın", "SİHA saldırı", "İHA saldırı", "dron saldırı", "insansız hava aracı saldırı"]:
    add(noun_forms(n), "airstrike", "", 0.85)
add(paradigm("bombala"), "airstrike", "", 0.75)
add(noun_forms("savaş uçak"), "airstrike", "", 0.6)
# --- shelling
for n in ["topçu atış", "topçu ateş", "topçu saldırı", "topçu bombardıman", "roket saldırı", "havan saldırı", "havan mermi", "obüs atış", "top atış", "bombardıman"]:
    add(noun_forms(n), "shelling", "", 0.8)
add(paradigm("döv"), "shelling", "", 0.7, "topçuyla ")
# --- casualties
add(paradigm("öldür", "öldürül"), "casualties", "", 0.8)
# "öl-" (die) is left out: folded it is "ol-" (be): öldü = oldu, ölen = olan.
add(paradigm("kaybet", with_passive=False), "casualties", "", 0.85, "hayatını ")
add(["hayatını kaybetti", "hayatını kaybettiler", "hayatını kaybeden", "hayatını kaybettiği", "hayatını kaybetmişti", "yaşamını yitirdi", "yaşamını yitiren", "yaşamını yitirdiği", "can verdi", "can kaybı", "can kaybının", "can kaybı yaşandı", "şehit oldu", "şehit düştü", "şehit edildi", "ölü sayısı", "ölü", "ölüler", "katliam", "katliamda", "katliamı", "katliamın", "katledildi", "katledilen"], "casualties", "", 0.8)
add(paradigm("yaralan", with_passive=False), "casualties", "", 0.65)
add(paradigm("getir", "getiril"), "casualties", "", 0.75, "etkisiz hale ")
# --- displacement
add(paradigm("göç et", "göç edil") if False else [], "displacement", "origin_is_place", 0.8)
add(["göç etti", "göç ettiler", "göç eden", "göç etmek", "göç ederek", "göç etmek zorunda kaldı", "göç dalgası", "göçü", "göçe zorlandı"], "displacement", "origin_is_place", 0.8)
add(paradigm("ed", "edil") and ["yerinden edildi", "yerinden edilen", "yerinden edildiğini", "yerinden edilmiş", "yerinden edilenler"], "displacement", "origin_is_place", 0.85)
add(paradigm("kaç", with_passive=False), "displacement", "origin_is_place", 0.7)
add(paradigm("çık", with_passive=False), "displacement", "origin_is_place", 0.6, "yola ")
add(paradigm("sığın", with_passive=False), "displacement", "origin_is_place", 0.7)
add(noun_forms("mülteci akın"), "displacement", "origin_is_place", 0.75)
# --- prisoner release
add(paradigm("bırak", "bırakıl"), "prisoner_release", "", 0.85, "serbest ")
add(["tahliye edildi", "tahliye edilen"], "prisoner_release", "", 0.6, "mahkumlar ")
add(["kapıları açıldı", "kapılarını açtı", "kapılarını açtılar"], "prisoner_release", "", 0.8, "cezaevinin ")

seen = set(); out = []
for p, t, r, w in rows:
    if p in seen: continue
    seen.add(p); out.append(f"{p}\t{t}\t{r}\t{w}")
hdr = """# Turkish triggers, generated by Scripts/lexicons/tr-forms.py (edit that, not this file): every verb in
# its past, reported (-dığını), evidential (-mış), progressive, participle (-an), converb (-arak), verbal noun
# (-ması) forms, active and passive; nouns in every case, plural and possessive. Turkish is verb-final, so the
# place usually comes before ("Hama'yı ele geçirdi"); apostrophe suffixes split off the name ("Hama'ya" = hama ya).
# Future (-acak), conditional (-sa) and negative (-madı) forms are left out on purpose: they are no events.
pattern\ttype\troles\tweight"""
print(hdr)
print("\n".join(out))
