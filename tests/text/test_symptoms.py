"""Where and when it hurts: places, triggers, the injury a description points to, red flags, and
how the vocabulary file states them (file, line, problem)."""

from __future__ import annotations

from pathlib import Path

import pytest

from runphys.index.errors import VocabularyError
from runphys.text.tagging import tag
from runphys.text.vocabulary import Vocabulary
from runphys.text.vocabulary_file import package_vocabulary, read_vocabulary
from tests.posts_factory import make_post


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return package_vocabulary()


# -- places: lay and clinical words of one region are one concept ----------------------------------


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # the outside of the knee, said five ways
        ("pain on the outside of my knee", "knee.outside"),
        ("outer knee pain", "knee.outside"),
        ("lateral knee", "knee.outside"),
        ("my knee hurts on the outside", "knee.outside"),
        ("the outside edge of the knee", "knee.outside"),
        # regions that name their body part on their own (spots)
        ("sharp pain under my heel", "foot.under"),
        ("the sole of my foot", "foot.under"),
        ("plantar", "foot.under"),
        ("pain just below the kneecap", "knee.under"),
        ("my patellar tendon", "knee.under"),
        ("ball of my foot", "foot.ball"),
        ("my sit bone hurts", "hamstrings.sitting_bone"),
        # a region after its body part at the end of a clause
        ("sore calf inside", "calf.inside"),
        ("ache along the inner edge of my shin", "shin.inside"),
    ],
)
def test_places_of_every_wording_are_one_key(vocab: Vocabulary, text: str, place: str) -> None:
    assert place in [p.key for p in vocab.places(text)]


@pytest.mark.parametrize(
    "text",
    [
        "step one foot back until you feel it",  # an instruction, not where it hurts
        "knee drive and arm swing",
        "back off if it hurts",
        "low back tightness",  # "back" of "low back" is the body part, not a region of another
    ],
)
def test_instructions_and_names_are_no_places(vocab: Vocabulary, text: str) -> None:
    assert [p.key for p in vocab.places(text)] == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("pain on the outside of the ginocchio", "knee.outside"),  # a region of a name in another language
        ("front of my heup is tight", "hip_flexors.front"),  # ... and the spot its English name makes
        ("the outside of the cuisse", "it_band.outside"),  # a spot that names it as written
    ],
)
def test_a_searchs_places_read_body_parts_in_other_languages(vocab: Vocabulary, text: str, place: str) -> None:
    assert [p.key for p in vocab.places(text, search=True)] == [place]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a region of the thigh however a language orders it is the spot the vocabulary says (`of`):
        # its back the hamstrings', its outside the IT band's, its inside the groin's
        ("nyuma ya paja iko tight", "hamstrings.back"),
        ("el atras del mio hita tight after sprints", "hamstrings.back"),
        ("upande wa nje ya paja inauma", "it_band.outside"),
        ("paja ndani inauma", "adductors.inside"),
    ],
)
def test_a_region_of_a_body_part_can_be_another_s_spot(vocab: Vocabulary, text: str, place: str) -> None:
    assert [p.key for p in vocab.places(text, search=True)] == [place]


def test_a_spot_of_another_body_part_needs_no_words_of_its_own(tmp_path: Path) -> None:
    text = SECTIONS.replace("spots:\n", "spots:\n  - {body_part: iliotibial, region: outside, of: [thigh]}\n", 1)
    text = text.replace("body_parts:\n", "body_parts:\n  - {key: thigh, name: Thigh, terms: [thigh]}\n"
                        "  - {key: iliotibial, name: Iliotibial band, terms: [iliotibial band]}\n", 1)
    vocab = read_vocabulary(write(tmp_path, text))
    assert [p.key for p in vocab.places("pain on the outside of the thigh")] == ["iliotibial.outside"]
    assert [p.key for p in vocab.places("sore thigh outside")] == ["iliotibial.outside"]


def test_a_posts_places_are_read_in_english_only(vocab: Vocabulary) -> None:
    # In a post, "talon" is a claw and "canela" cinnamon: no place of the foot or the shin.
    assert vocab.places("the underside of the talon, the front of the canela stick", reader=True) == []
    assert vocab.places("the outside of the ginocchio", reader=True) == []


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("first steps out of bed", "first_steps"),
        ("first thing in the morning", "first_steps"),
        ("when I get up in the morning", "first_steps"),
        ("walking down the stairs", "downstairs"),
        ("at the same point in every run", "same_point"),
        ("after sitting through a movie", "after_sitting"),
        ("when I jump", "jumping"),
        ("since starting back after a month away", "comeback"),
        ("pinches when my knee goes forward over my foot", "ankle_bend"),
        ("my foot lands way out ahead of me", "overstriding"),
        ("after swapping to zero drop trainers", "change"),
        ("quads wrecked after running down a mountain", "downhill"),
        ("thighs destroyed for three days after a hilly marathon", "downhill"),
        ("my knees cave inward when I land", "knee_caving"),
    ],
)
def test_triggers(vocab: Vocabulary, text: str, trigger: str) -> None:
    assert trigger in [m.key for m in vocab.triggers(text)]


# -- guesses: the injury a description points to, with the vocabulary's words ------------------


@pytest.mark.parametrize(
    ("text", "injury", "notice"),
    [
        ("pain on the outside of my knee when running", "it_band_syndrome",
         "Pain on the outside of the knee when running is often IT band syndrome."),
        ("sharp pain under my heel with the first steps out of bed", "plantar_fasciitis",
         "Pain under the foot with the first steps in the morning is often plantar fasciitis."),
        ("knee hurts going down stairs", "runners_knee", "Pain in the knee going downstairs is often runner's knee."),
        ("pain just below my kneecap when I jump", "patellar_tendinopathy", None),
        ("ache along the inside of my shin after upping my mileage", "shin_splints", None),
        ("my butt aches when I sit", "piriformis_syndrome", None),
    ],
)
def test_a_description_points_to_one_injury(vocab: Vocabulary, text: str, injury: str, notice: str | None) -> None:
    guess = vocab.guess(text)
    assert guess is not None and guess.injury == injury
    if notice:
        assert guess.notice == notice


@pytest.mark.parametrize(
    "text",
    [
        "knee pain",  # a body part alone tells no injury
        "knee pain when running",  # running fits the IT band and runner's knee alike: a tie
        "hamstring stretches",
        "tight calves",
    ],
)
def test_a_vague_description_guesses_nothing(vocab: Vocabulary, text: str) -> None:
    assert vocab.guess(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "my arches collapse when I walk barefoot",  # a place that does something, never said to hurt
        "the outside of my knee feels tight",
    ],
)
def test_a_place_never_said_to_hurt_guesses_nothing(vocab: Vocabulary, text: str) -> None:
    assert vocab.guess(text) is None


def test_a_body_part_inside_a_trigger_is_the_movement_not_where_it_hurts(vocab: Vocabulary) -> None:
    assert vocab.guess("can't get my knees up at the same point in every run") is None  # not the IT band
    guess = vocab.guess("knee hurts at the same point in every run")
    assert guess is not None and guess.injury == "it_band_syndrome"


@pytest.mark.parametrize(
    ("text", "injury"),
    [
        ("outside of my knee", "it_band_syndrome"),  # a place alone: the reader asks about it
        ("my heel hurts underneath", "plantar_fasciitis"),
        ("the outside of my knee feels tight on long runs", "it_band_syndrome"),  # a trigger says when it hurts
    ],
)
def test_a_place_that_hurts_or_is_asked_about_still_guesses(vocab: Vocabulary, text: str, injury: str) -> None:
    guess = vocab.guess(text)
    assert guess is not None and guess.injury == injury


def test_a_place_an_injury_is_felt_less_often_counts_only_beside_when_it_hurts(vocab: Vocabulary) -> None:
    # The arch is plantar fasciitis's `also_where`: a trigger beside it, not the arch alone.
    assert vocab.guess("my arches ache") is None
    guess = vocab.guess("my arch hurts for the first steps out of bed")
    assert guess is not None and guess.injury == "plantar_fasciitis" and guess.places == ("foot.arch",)


# -- red flags: every one noticed, no ordinary search flagged -------------------------------------


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("pinpoint pain on my shin bone that keeps getting worse", "bone_pain"),
        ("one spot on my foot hurts to press and is getting worse", "bone_pain"),
        ("numbness in my toes", "numbness"),
        ("tingling down the back of my leg", "numbness"),
        ("knee pain that wakes me up at night", "night_pain"),
        ("my calf is hot and swollen", "calf_clot"),
        ("swollen, red lower leg after a long flight", "calf_clot"),
        ("chest pain while running", "chest"),
        ("I can't put weight on my foot", "cannot_bear_weight"),
        ("since my back went my foot flops and my toes catch", "foot_drop"),
        ("back ache gets me up at 3am", "night_pain"),
        ("leaking pee since my low back started hurting", "back_emergency"),
        ("can't feel anything around my privates since my back went", "back_emergency"),
        ("dropping pounds without trying", "weight_loss"),
        ("my heart fluttered out of rhythm on an easy jog", "heart_rhythm"),
        ("lightheaded and dizzy in the middle of my run", "lightheaded"),
        ("pins and needles in my foot that have lasted two weeks", "numbness"),
        ("feet numb after the run even with my laces undone", "numbness"),
        ("one spot on my foot bone hurts more each week", "bone_pain"),
    ],
)
def test_red_flags_are_noticed(vocab: Vocabulary, text: str, flag: str) -> None:
    found = vocab.red_flags(text)
    assert flag in [f.key for f in found]
    assert all(f.reason.endswith(".") for f in found)


@pytest.mark.parametrize(
    "text",
    ["tight calves", "chest stretch", "warm up before a run", "warm calves before speed work", "night running tips",
     "hip hurts when lying on my side at night", "calf raises", "foam rolling calves", "ankle swelling after a sprain",
     "stiff back in the morning", "heel pain first thing in the morning", "chest and shoulder openers",
     "heart pounds after hill sprints", "my foot falls asleep when I sit cross-legged", "need to pee on long runs",
     "running to lose weight", "feet slapping the pavement late in a run", "can't lift my big toe on its own",
     # a nerve stretched, not pinched; blood pressure catching up
     "pins and needles in my foot in the stretch, gone when I back off the stretch",
     "I stood up too fast after my cool down and felt lightheaded",
     # shin splints: the bone hurts, but not in one spot nor worse each time
     "my shin bone hurts after speed work"],
)
def test_ordinary_searches_are_not_flagged(vocab: Vocabulary, text: str) -> None:
    assert vocab.red_flags(text) == []


# -- tagging from the blog's own phrasing ---------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("Video: Dealing with IT Band Pain", "Some thoughts for runners."),
        ("Working on IT band dysfunction", "Some thoughts for runners."),
        ("Single-leg strength", "IT band dysfunction is usually noticed when the lateral knee gets cranky on the same "
                                "mile of every run. We start with step-downs."),
        ("Hip strength", "If you have sharp pain on the outside of the knee during runs, often starting at the same "
                         "mile each time, rolling will not fix it."),
    ],
)
def test_posts_are_tagged_from_the_blogs_phrasing(vocab: Vocabulary, title: str, body: str) -> None:
    assert "it_band_syndrome" in tag(make_post("p", title, body), vocab).injuries


def test_a_place_alone_in_an_exercise_tags_no_injury(vocab: Vocabulary) -> None:
    post = make_post("p", "Clamshells", "Lift the top knee. You should feel it on the outside of the hip near "
                                        "your back pocket, not in the front of your hip.")
    assert tag(post, vocab).injuries == ()


@pytest.mark.parametrize("text", ["It's band practice tonight", "its band", "It's a band of tissue"])
def test_it_is_is_never_the_it_band(vocab: Vocabulary, text: str) -> None:
    assert vocab.concepts_in(text) == []


# -- the vocabulary file: new sections, checked with file and line --------------------------------

SECTIONS = """\
body_parts:
  - {key: knee, name: Knee, terms: [knees]}
injuries:
  - key: runners_knee
    name: Runner's knee
    body_part: knee
    where: [knee.outside]
    when: [stairs]
kinds:
  - {key: other, name: Other, cues: []}
regions:
  - {key: outside, name: on the outside of, terms: [outside, lateral]}
spots:
  - {body_part: knee, region: outside, terms: [lateral knee]}
triggers:
  - {key: stairs, name: on stairs, terms: [stairs, going downstairs]}
red_flags:
  - {key: night, reason: Night pain needs a look., terms: [night pain], together: [[wakes], [pain, ache]],
     unless: [my alarm]}
place_joiners: [of, the]
possessives: [my]
not_helping: [does nothing]
negations: ["no", not]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "vocab.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_with_every_symptom_section_loads(tmp_path: Path) -> None:
    vocab = read_vocabulary(write(tmp_path, SECTIONS))
    assert [p.key for p in vocab.places("outside of my knee", reader=True)] == ["knee.outside"]
    assert [p.key for p in vocab.places("lateral knee")] == ["knee.outside"]
    guess = vocab.guess("knee hurts going downstairs")
    assert guess is not None and guess.injury == "runners_knee"
    assert guess.notice == "Pain in the knee on stairs is often runner's knee."
    assert [f.key for f in vocab.red_flags("it wakes me with an ache")] == ["night"]
    # `unless`: a harmless cause said beside the symptom (read as a search: "my" is "the").
    assert vocab.red_flags("my alarm wakes me with an ache") == []
    assert vocab.red_flags("night pain, then the alarm") == []


def test_a_red_flag_can_take_its_reason_from_one_listed_before(tmp_path: Path) -> None:
    second = "  - {key: night_rest, reason_of: night, together: [[resting], [ache]]}\n"
    text = SECTIONS.replace("     unless: [my alarm]}\n", "     unless: [my alarm]}\n" + second, 1)
    vocab = read_vocabulary(write(tmp_path, text))
    found = vocab.red_flags("it wakes me with an ache, even resting")
    assert [f.key for f in found] == ["night", "night_rest"]
    assert {f.reason for f in found} == {"Night pain needs a look."}


def test_a_flag_whose_history_warns_keeps_its_year(tmp_path: Path) -> None:
    # Read from groups of words, a flag all of whose words sit by a past year is history, unless the
    # history is itself the warning.
    second = ("  - {key: old_cancer, reason: Old cancer and new pain., together: [[cancer], [pain]]}\n"
              "  - {key: cancer_now, reason_of: old_cancer, history_warns: true, together: [[cancer], [pain]]}\n")
    text = SECTIONS.replace("     unless: [my alarm]}\n", "     unless: [my alarm]}\n" + second, 1)
    vocab = read_vocabulary(write(tmp_path, text))
    assert [f.key for f in vocab.red_flags("bowel cancer 2016 then new hip pain")] == ["cancer_now"]
    assert [f.key for f in vocab.red_flags("bowel cancer 2016. now a new hip pain every day")] == [
        "old_cancer", "cancer_now"]


@pytest.mark.parametrize(("flag", "message"), [
    ("{key: night_rest, reason_of: rest, terms: [resting ache]}", "red_flags[1].reason_of: reason_of must name a "
                                                                  "red flag listed before this one, not 'rest'"),
    ("{key: night_rest, reason: Rest., reason_of: night, terms: [resting ache]}",
     "red_flags[1].reason_of: give reason or reason_of, not both"),
])
def test_a_reason_taken_from_another_flag_is_checked_with_its_line(tmp_path: Path, flag: str, message: str) -> None:
    text = SECTIONS.replace("     unless: [my alarm]}\n", f"     unless: [my alarm]}}\n  - {flag}\n", 1)
    path = write(tmp_path, text)
    with pytest.raises(VocabularyError) as caught:
        read_vocabulary(path)
    assert message in caught.value.message
    assert caught.value.detail["line"] == 20


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ("where: [knee.outside]", "where: [knee.inside]", 7, "injuries[0].where[0]: 'knee.inside' must be"),
        ("where: [knee.outside]", "where: [elbow.outside]", 7, "body-part key and a region key"),
        ("where: [knee.outside]", "where: [knee.outside]\n    also_where: [knee.nowhere]", 8,
         "injuries[0].also_where[0]: 'knee.nowhere' must be"),
        ("when: [stairs]", "when: [hills]", 8, "injuries[0].when[0]: when must list trigger keys, not 'hills'"),
        ("{key: outside, name: on the outside of, terms: [outside, lateral]}", "{key: outside, terms: [outside]}",
         12, "regions[0].name: name must be a non-empty string"),
        ("{key: outside, name: on the outside of, terms: [outside, lateral]}",
         "{key: outside, name: x, terms: [outside], side: left}", 12, "unknown field(s) side"),
        ("{body_part: knee, region: outside,", "{body_part: knee, region: top,", 14,
         "region 'top' is not a region key"),
        ("{body_part: knee, region: outside, terms: [lateral knee]}", "{body_part: knee, region: outside, of: [elbow]}",
         14, "spots[0].of: 'elbow' is not a body-part key"),
        ("{body_part: knee, region: outside, terms: [lateral knee]}", "{body_part: knee, region: outside}", 14,
         "spots[0].terms"),
        ("{key: stairs, name: on stairs, terms: [stairs, going downstairs]}", "{key: stairs, name: on stairs}", 16,
         "triggers[0].terms"),
        ("{key: stairs, name: on stairs, terms: [stairs, going downstairs]}",
         "{key: stairs, name: on stairs, terms: [stairs], cause: often}", 16, "cause must be true or false"),
        ("terms: [night pain], together: [[wakes], [pain, ache]],", "together: [[wakes]],", 18,
         "together must be a list of at least two lists"),
        ("terms: [night pain], together: [[wakes], [pain, ache]],", "terms: [],", 18,
         "a red flag needs terms, names or together"),
        ("{key: night, reason: Night pain needs a look.,", "{key: night,", 18, "red_flags[0].reason"),
        ("unless: [my alarm]}", "unless: my alarm}", 19, "red_flags[0].unless"),
        ("unless: [my alarm]}", "unless: [my alarm], history_warns: often}", 19,
         "red_flags[0].history_warns: history_warns must be true or false"),
        ("unless: [my alarm]}", "unless: [my alarm], names: night terror}", 19, "red_flags[0].names"),
        ("place_joiners: [of, the]", "place_joiners: of", 20, "place_joiners"),
        ("not_helping: [does nothing]", "not_helping: does nothing", 22, "not_helping"),
        ('negations: ["no", not]', "negations: [no, not]", 23, "negations"),
        ('negations: ["no", not]', 'negations: ["no", not]\nwondering: is it', 24, "wondering"),
    ],
)
def test_symptom_sections_are_checked_with_their_line(tmp_path: Path, old: str, new: str, line: int,
                                                       message: str) -> None:
    assert old in SECTIONS
    path = write(tmp_path, SECTIONS.replace(old, new, 1))
    with pytest.raises(VocabularyError) as caught:
        read_vocabulary(path)
    assert message in caught.value.message
    assert caught.value.detail["line"] == line and f"{path}:{line}:" in caught.value.message


@pytest.mark.parametrize("word", ["one", "two", "three", "first", "twice"])
def test_number_words_are_never_a_related_reason(vocab: Vocabulary, word: str) -> None:
    # recommend/why.py never shows a vague word as the reason two posts are related.
    assert word in vocab.vague_words


@pytest.mark.parametrize("text", ["calf tight and crampy after a long run, no swelling or redness",
                                  "shin sore along a long stretch but the bone isnt tender",
                                  "knee went pop but there was no swelling at all"])
def test_a_symptom_the_reader_denies_is_no_red_flag(vocab: Vocabulary, text: str) -> None:
    assert vocab.red_flags(text) == []


@pytest.mark.parametrize(("text", "flag"), [("not sure why but my calf is swollen, red and hot", "calf_clot"),
                                            ("can't put any weight on my foot since the race", "cannot_bear_weight"),
                                            ("tingling in my foot that never goes away", "numbness")])
def test_a_negation_elsewhere_or_inside_the_flag_still_flags(vocab: Vocabulary, text: str, flag: str) -> None:
    assert flag in [f.key for f in vocab.red_flags(text)]


@pytest.mark.parametrize("text", ["my hamstring is sore after squats, no back pain or tingling anywhere",
                                  "ankle stiff, no swelling nor numbness"])
def test_a_denial_carries_down_a_list_said_with_or(vocab: Vocabulary, text: str) -> None:
    assert vocab.red_flags(text) == []


# Red flags said the ways the blind files of eighty said them, in wordings none of them holds: each
# with the flag it raises, and their look-alikes, which raise none.
SAID_EVERY_WAY = [
    # a knock, a cough, a streak, a back
    ("took a football to the head at parkrun and now I cant remember the drive home", "head_injury"),
    ("bashed my head on a low branch and I've been sick since", "head_injury"),
    ("my calf got kicked in a tackle and it's rock hard and getting tighter and tighter", "compartment"),
    ("been coughing and there's blood in it, easy runs feel hard", "coughing_blood"),
    ("toes on my left foot are cold and white after a short walk", "cold_foot"),
    ("cut on my ankle and now a red streak up my shin", "fever"),
    ("back went last week and I wet myself on the stairs", "back_emergency"),
    ("can't get my breath since the flight home from Sydney", "flight_breathless"),
    ("kilos dropping off w/o trying and I'm always tired", "weight_loss"),
    ("my leg keeps buckling on the stairs since my lower back went", "back_weakness"),
    ("sciatica for a month and now my left leg is getting weaker", "back_weakness"),
    ("haven't had a period since I started marathon training and my foot hurts", "missed_periods"),
    ("my periods stopped when I upped my mileage", "missed_periods"),
    ("right foot went icy and blue on my walk and it really hurts", "cold_foot"),
    ("halfway round my face felt droopy on one side and my speech was slurred", "stroke"),
    ("my hip aches day and night now, even lying still", "night_pain"),
    # beyond the legs
    ("36 weeks pregnant and spotting a little after my walk-jog", "pregnancy_warning"),
    ("ankles and both legs puffy for a week and I get short of breath lying down", "both_legs_swelling"),
    ("broke out in hives on a run and now my breathing feels tight", "allergic_reaction"),
    ("black stools since the weekend, feel a bit faint on runs", "bleeding"),
    ("my son had a seizure after cross country practice", "seizure"),
    ("friend says the whites of my eyes are yellow, been really tired", "jaundice"),
    ("a mole on my shoulder has got darker and itches", "changing_mole"),
    ("stomach pain so bad I'm doubled over, and I've got a fever", "belly_pain"),
    ("sharp testicle pain came on suddenly during intervals", "testicle"),
    ("fell on my ribs on the trail and it hurts to breathe in", "rib_injury"),
    ("woke up seeing double the day after my ultra", "senses"),
    ("bulge in my groin after squats that won't go back in", "hernia"),
    ("always exhausted and breathless climbing stairs at work", "breathless"),
    # other registers
    ("a hard lump on my calf that keeps enlarging", "lump"),
    ("my dad got pain in his jaw and was sweating on his jog", "chest_exertion"),
    ("numbness in the saddle area and low back ache since Tuesday", "back_emergency"),
    ("lower back hurts and I'm unable to pass urine", "bladder_bowel"),
    ("my foot is pale and cold and hasn't warmed up since my run", "cold_foot"),
    ("shin bone is paining since weeks and now swelling came", "bone_pain"),
    # told as a story
    ("felt dizzy twice during intervals this week", "lightheaded"),
    ("was knocked out for a moment when I fell on the ice and now feel sick", "head_injury"),
    ("after a 100-burpee challenge my thighs are rock hard and I've barely peed all day", "swollen_muscles"),
    ("stepped off a kerb, heard a crack and couldn't take a step on it", "cannot_bear_weight"),
    ("my gran fell on her hip and that leg looks shorter now", "cannot_bear_weight"),
    # every kind, every way
    ("lips turned blue on the track and my inhaler isn't helping", "cant_get_breath"),
    ("sore neck for a month and I keep dropping things, hands feel clumsy", "neck_cord"),
    ("my son collapsed during training and said his chest hurt", "chest"),
    ("two players clashed heads and she's been sick twice since", "head_injury"),
    ("felt a pop high in my hamstring sprinting, now a massive bruise down the back of my leg", "pop_and_swelling"),
    ("heart racing while I sat on the sofa after work", "racing_heart"),
    # a body part and a symptom
    ("started levofloxacin for a chest infection and now my heel cord is puffy and sore", "antibiotic_tendon"),
    ("slipped on the ice and put my hand out, base of my thumb still sore a week later", "wrist_fracture"),
    ("little bulge low in my belly that pops out when I lift weights", "hernia"),
    ("calves tighten after walking to the shops, stops when I rest a minute", "poor_circulation"),
    ("heart started racing on a hill and won't slow down when I stop", "racing_heart"),
    # memory lost after a crash or a fall
    ("a car clipped me on my morning run and I don't remember the fall, bad headache now", "head_injury"),
    # a knee that locks, still flagged beside the look-alike below
    ("my knee locked mid-run and I had to hobble home", "cannot_bear_weight"),
    # people the flags had missed: a pregnancy, diabetes, a heel squeezed, an infection spreading
    ("30 weeks pregnant and a gush of fluid on my jog this morning", "pregnancy_warning"),
    ("diabetic, the blister on my big toe still isn't healing after a month", "diabetic_foot"),
    ("hurts when I squeeze both sides of my heel and walking is sore", "bone_pain"),
    ("cut on my ankle from a trail fall, the redness is spreading and I feel rough", "fever"),
    # other sports: a blow, a fall, a lift, the mountains
    ("took a cricket ball to the nuts and it's still swelling an hour on", "testicle"),
    ("at altitude on the trek and my partner is confused and stumbling", "altitude"),
    ("got kicked in the shin at football and the pain is unbearable, worse when I move my toes", "compartment"),
    ("fell on the trail onto my neck, now my hand went numb and my grip is weak", "neck_cord"),
    ("jumped off a step and now I can't lift my straight leg, there's a dip above the kneecap", "cannot_bear_weight"),
    ("my kneecap popped out sideways at netball", "cannot_bear_weight"),
    ("squash ball to the eye, now there's a shadow and flashes", "eye_injury"),
    ("been under-fuelling for my marathon block and now my hip bone aches", "underfuelled_bone"),
    # kinds with no flag, and word orders the flags had missed
    ("went breathless out of nowhere on the sofa and it catches sharply with every breath", "lung_clot"),
    ("my calf went rock hard on the tempo run and still hasn't eased three hours after stopping", "hard_leg"),
    ("sudden shower of black dots in my left eye and flashes of light at the edge", "retina"),
    ("vision still blurred in one eye the morning after my long run", "senses"),
    ("my mum's mouth looked droopy on one side at the finish", "stroke"),
    ("two weeks after my ankle surgery the wound is oozing and smells", "wound_infection"),
    ("a wasp got me on the trail and my tongue feels thick and my throat is tight", "sting_reaction"),
    ("I take warfarin and slipped on a wet bridge, bumped my hip", "blood_thinners"),
    ("my son did loads of headers at training and now has a headache and feels sick", "head_injury"),
    ("gone over on my shoulder skiing, it looks square and I can't move my arm", "shoulder_out"),
    ("my sciatica is down both legs now", "bladder_bowel"),
    ("stomach pain low on the right that won't go away since last night", "belly_pain"),
    ("a grey curtain came across the sight of my right eye on the bike leg", "retina"),
    ("I'm 81 and keep falling on my walks, my knees give way", "older_fall"),
    ("sciatica for weeks and now my leg is getting weak", "back_weakness"),
    ("drank much water at every mile of the marathon, now my fingers are puffy and I feel sick", "low_sodium"),
    ("came off my bike onto my shoulder and it looks flat", "shoulder_out"),
    ("fell off the treadmill onto the back of my head and I keep being sick", "head_injury"),
    ("I've needed extra pillows to breathe at night and my runs feel impossible", "breathless"),
    ("long coach trip to the race, now breathless and it stabs when I breathe in deeply", "lung_clot"),
    ("my shin used to hurt only on runs, now it hurts all day even sitting at my desk", "walking_bone_pain"),
    ("back trouble since summer, now my left foot slaps down and I catch my toes walking on trails", "foot_drop"),
    ("she's 73 and keeps falling on runs for no reason", "older_fall"),
    ("after the ultra my toes went hard and white in the snow and now they are blistering", "frostbite"),
    ("my heel catches on roots since the race and I can't lift the front of my foot at all", "foot_wont_lift"),
    ("after my 5k I'm itchy all over and my lips feel swollen", "allergic_reaction"),
    ("pain low on the right of my stomach, it hurts to jump", "belly_pain"),
    ("one of our sprinters collapsed halfway round the bend", "chest"),
    ("paresthesia in my left foot for a fortnight, creeping higher", "numbness"),
    ("I drew round the red patch by my blister and it is past the pen line this morning", "fever"),
    ("asthma attack after the 10k, salbutamol not helping and I can't finish a sentence", "cant_get_breath"),
    ("haematuria since Sunday's marathon", "dark_urine"),
    ("so my sight went double on the bike and hasn't come back", "senses"),
    ("heard a pop like a kick in the back of my heal and I can't push off", "achilles_rupture"),
    ("sudden pain and one ball is swollen since this morning", "testicle"),
    ("my left calf is suddenly bigger and red compared to the right after the coach trip", "calf_clot"),
    ("playing squash, like someone kicked my heel, and I can't get up on tiptoe", "achilles_rupture"),
    ("36 weeks and the baby is moving less since my jog this morning", "pregnancy_warning"),
    ("post-menopausal for years and some spotting after my long runs", "bleeding_after_menopause"),
    ("my brother finished the half stumbling about and had stopped making sense", "confusion"),
]

LOOK_ALIKES = [
    # over, cleared, or easing as you warm up
    "tasted blood and was coughing after my 5k time trial",
    "concussion two years ago, fully cleared, now want to start trail running",
    "had a fever over christmas, all gone now, how soon can I do intervals",
    "is it a stress fracture? my shins ache early on and ease off once warmed up",
    # tired legs, periods stopped for a known reason
    "legs feel weak after yesterday's hard intervals",
    "missed my period, I'm pregnant, is running ok",
    "periods stopped on the pill, best shoes for a first 10k",
    # a tingle in a stretch, feet tired late in a race, the cold
    "hamstrings tingle a little when I try to stretch them after work",
    "my feet start flopping in the last few miles of a marathon",
    "toes go cold and white on winter runs until they warm up",
    # beyond the legs
    "side stitch low in my stomach that goes once I walk",
    "pregnant runner, how slow should my easy pace be",
    "chafing on my testicles on long runs, what helps",
    "mole on my foot rubs in new shoes",
    "ankles a bit puffy after a hot day on my feet",
    "bruised my shin on a bench and it's purple",
    "stomach cramps on runs after a big breakfast",
    # a ride, cold fingers that warm, a story that passed, a shoe
    "numb saddle area after a long ride, back a bit stiff",
    "fingers cold and tingly on winter mornings, fine once warmed",
    "got light-headed on my long run in the heat, sat in the shade with a drink and was fine within minutes",
    "heart racing after hill sprints but it settles within a minute",
    "the tongue of my trainers presses on the top of my foot and it gets worse on long runs",
    # restless legs at night, legs that are fine the next day, dizzy only on stopping, a straight knee on landing
    "tingly restless legs at night after a heavy training block",
    "legs go weak and shaky after a track session but they're fine the next day",
    "light-headed when I stop dead after a sprint finish, fine once I walk around",
    "watched my gait video and I land with my knee locked straight",
    # growing pains, breathing hard on hills, a toenail gone black
    "my 9 year old says her legs ache at night but she's running around fine in the morning",
    "20 weeks pregnant and more out of breath than usual up hills, ok to keep jogging?",
    "type 2 diabetic, black toenail after my first half marathon",
    # the balls of the feet, eyes blurry with no blow
    "sore balls of my feet and swelling after a long race",
    "eyes blurry from sweat and sunscreen on long runs",
    "my eyes water and go a bit blurry in the cold wind",
    # a cramp in the night, a saddle, a phone held tight, a bruise days after a strain, a knee caving in
    "woke at 2am with cramp in my calf, stretched it and it went",
    "numb down there after a century ride, is my saddle the wrong shape",
    "fingers tingle from holding my phone on long runs, fine when I swap hands",
    "pulled my hamstring on the track and a bruise showed up three days later",
    "my knees cave in on squats and the kneecap aches after a long flight",
    "rolled my ankle and a bruise came out a few days later, walking fine",
    # a foot asleep in the car, a question about water
    "my foot fell asleep in the car to parkrun and was back to normal after a minute",
    "how much water should I drink on a hot half, I get headaches after",
    "dislocated my shoulder years ago, all healed, is bench press ok",
    # hay fever, breakfast skipped, a pace question, toes caught on roots
    "hay fever making my eyes stream on park runs, best antihistamine?",
    "felt a bit light-headed at mile 5 because I skipped breakfast, fine after a gel",
    "out of breath on easy runs, should I slow down even more?",
    "my toes catch on tree roots on the trail, how do I lift my feet more",
    # a cold race that warmed up, nettles, altitude on holiday
    "fingers numb at a cold race, pins and needles as they warmed up, all normal now",
    "ran through nettles and my ankles are tingly and itchy",
    "more out of breath than usual on easy runs in the mountains at 2500m, otherwise fine",
    # fine at rest; feet that flop only when tired late in a run
    "front of my hip aches on long runs, fine at rest and walking",
    "feet get floppy and slap late in long runs, what drills help",
    # press-ups, the ball of the foot, a ball to roll on
    "pecs tender after 100 press-ups, hurts when I press them",
    "bruised feeling under one ball of my foot after a track session",
    "rolling my arch on a lacrosse ball hurts, is that normal",
    # up off the floor too fast; a hard seat
    "dizzy for a second when I jumped up off the mat after crunches, passed right away",
    "hamstrings go numb on the hard seats at the stadium, gone as soon as I stand",
    # the menopause, an old scar, hands shaken out
    "menopausal night sweats are ruining my sleep before races",
    "numb patch next to my old knee surgery scar, fine to run on?",
    "fingers tingle on long runs, goes when I shake them out",
]


@pytest.mark.parametrize(("text", "flag"), SAID_EVERY_WAY)
def test_red_flags_said_every_way(vocab: Vocabulary, text: str, flag: str) -> None:
    assert flag in [f.key for f in vocab.red_flags(text)]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_their_look_alikes_are_not_flagged(vocab: Vocabulary, text: str) -> None:
    assert vocab.red_flags(text) == []


def test_fainting_is_flagged_however_it_ended(vocab: Vocabulary) -> None:
    assert "chest" in [f.key for f in vocab.red_flags("fainted on my long run in the heat, fine within minutes")]


def test_a_term_two_flags_list_raises_both(vocab: Vocabulary) -> None:
    # "slurred speech" is listed by confusion (heat, low sodium) and by a stroke
    assert {"confusion", "stroke"} <= {f.key for f in vocab.red_flags("my husband has slurred speech after the race")}


def test_flags_that_say_one_thing_several_ways_share_their_reason(vocab: Vocabulary) -> None:
    text = "one spot on my shin hurts to press, and now it hurts just walking and gets worse every run"
    found = vocab.red_flags(text)
    assert {"bone_pain", "walking_bone_pain"} <= {f.key for f in found}
    assert len({f.reason for f in found}) == 1


CONTRACTIONS = SECTIONS.replace("together: [[wakes], [pain, ache]]", "together: [[can't sleep], [pain, ache]]") + """\
contractions:
  - [can't, cannot, can not]
"""


@pytest.mark.parametrize("text", ["I can't sleep for the ache", "I cannot sleep for the ache",
                                  "I can not sleep for the ache"])
def test_a_phrase_with_a_contraction_matches_it_said_each_way(tmp_path: Path, text: str) -> None:
    vocab = read_vocabulary(write(tmp_path, CONTRACTIONS))
    assert [f.key for f in vocab.red_flags(text)] == ["night"]


@pytest.mark.parametrize(("group", "message"), [("[can't]", "two or more different wordings"),
                                                 ("[can't, cant]", "two or more different wordings"),
                                                 ("cant", "contractions[0]")])
def test_a_contraction_needs_two_wordings(tmp_path: Path, group: str, message: str) -> None:
    with pytest.raises(VocabularyError, match=message.replace("[", r"\[").replace("]", r"\]")):
        read_vocabulary(write(tmp_path, SECTIONS + f"contractions:\n  - {group}\n"))


# -- a condition's name the reader only wonders about ------------------------------------------------

WONDERING = SECTIONS.replace(
    "     unless: [my alarm]}\n",
    "     unless: [my alarm]}\n  - {key: fracture, reason: A bone needs a look., names: [stress fracture],\n"
    "     terms: [hurts to hop]}\n", 1).replace('negations: ["no", not]\n',
                                             'negations: ["no", not]\nwondering: [is it, or just]\n')


@pytest.mark.parametrize(("text", "flagged"), [
    ("I have a stress fracture in my shin", True),            # the name said as a fact
    ("is it a stress fracture? shins ache, both legs", False),  # asked
    ("stress fracture?? shins ache since more miles", False),   # a question mark after it
    ("stress fracture or just sore shins", False),              # set beside something milder
    ("is it a stress fracture, it hurts to hop", True),         # asked, and a symptom said too
])
def test_a_name_the_reader_only_wonders_about_is_not_the_symptom(tmp_path: Path, text: str, flagged: bool) -> None:
    vocab = read_vocabulary(write(tmp_path, WONDERING))
    assert bool(vocab.red_flags(text)) is flagged


def with_translations(tmp_path: Path, section: str, pairs: str) -> Vocabulary:
    """SECTIONS with `pairs` ("[gonfle, swollen], ...") under `section`, in French, and a clot flag."""
    listed = "".join(f"    - {pair.strip()}]\n" for pair in pairs.rstrip("]").split("],"))
    text = SECTIONS.replace('negations: ["no", not]', f'negations: ["no", not]\n{section}:\n  french:\n{listed}')
    text = text.replace("red_flags:\n", "red_flags:\n  - {key: clot, reason: See a doctor today., "
                        "together: [[calf], [swollen], [hot]]}\n", 1)
    return read_vocabulary(write(tmp_path, text))


def test_a_message_in_another_language_is_read_for_red_flags_as_its_english(tmp_path: Path) -> None:
    # `translations`: "mollet gonflé, chaud" is "calf swollen, hot"; denied in French ("pas"), not
    vocab = with_translations(tmp_path, "translations", "[gonfle, swollen], [mollet, calf], [chaud, hot], [pas, not]")
    assert [f.key for f in vocab.red_flags("mollet gonflé et chaud depuis le vol")] == ["clot"]
    assert vocab.red_flags("mollet raide, pas gonflé, pas chaud") == []
    # the rest of the message stays as written: a red flag said in English beside it is still read
    assert [f.key for f in vocab.red_flags("bonjour! it wakes me with an ache")] == ["night"]


def test_the_older_name_of_translations_is_read_as_it_with_a_warning(tmp_path: Path) -> None:
    # A vocabulary written before `red_flag_words` became `translations` keeps working, and says so.
    vocab = with_translations(tmp_path, "red_flag_words", "[mollet, calf], [gonfle, swollen], [chaud, hot]")
    assert [f.key for f in vocab.red_flags("mollet gonflé et chaud")] == ["clot"]
    assert any("older name of `translations`" in w for w in vocab.warnings)


def test_a_message_in_another_language_reads_as_its_english_word_for_word(tmp_path: Path) -> None:
    vocab = with_translations(tmp_path, "translations", "[genou, knee], [a l'exterieur, on the outside], "
                              "[j'ai mal, hurts], [en descente, downhill]")
    # the longest phrase first, accents as typed or not, the rest (punctuation, numbers) as written
    read = vocab.in_english("J'ai mal au genou à l'extérieur, en descente (km 5)")
    assert read is not None and read.text == "hurts au knee on the outside, downhill (km 5)"
    assert read.phrases == 4 and read.words == {0, 1, 3, 4, 5, 6, 7}
    assert vocab.in_english("my knee hurts downhill") is None
