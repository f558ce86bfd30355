"""Classes of description that failed on a third set of readers' searches (benchmarks/symptom_queries/
third_*) and the pattern fixed for each. Every class is pinned with wordings that are NOT in any
benchmark set, so the tests check the pattern, not the queries it was found with."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from runphys.index.demo import POSTS
from runphys.index.sources import read_sources
from runphys.search.query_parse import Synonym, plan
from runphys.search.results import SearchRequest
from runphys.search.searcher import SearchIndex
from runphys.text.tagging import analyse_post
from runphys.text.vocabulary import Vocabulary
from runphys.text.vocabulary_file import package_vocabulary
from tests.posts_factory import make_post
from tests.search_fixtures import index_posts

ITBS, PIRIFORMIS, HIP_FLEXORS, IT_BAND = {"1046", "1022", "1002"}, {"1012", "1060"}, {"1038", "1008", "1052", "1072"}, \
    {"1002", "1022", "1046"}


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return package_vocabulary()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, vocab: Vocabulary) -> Iterator[SearchIndex]:
    directory: Path = tmp_path_factory.mktemp("demo-classes")
    tagged = index_posts(read_sources([POSTS], format="markdown").posts, directory, vocab)
    index = SearchIndex.open(directory, {p.id: p for p in tagged}, vocab, remember=0)
    yield index
    index.close()


def first(index: SearchIndex, q: str) -> str:
    hits = index.search(SearchRequest(q=q)).hits
    assert hits, q
    return hits[0].id


# -- lay words: the reader's word for a region, a body part, when in a run ---------------------------

@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a lay verb of pain between the body part and its region
        ("my knee kills on the outside", "knee.outside"),
        ("knee throbs on the outer side", "knee.outside"),
        ("shin stings on the inside", "shin.inside"),
        # "bum" is the buttock
        ("pain in my bum", "glutes.deep"),
    ],
)
def test_lay_wordings_are_places(vocab: Vocabulary, text: str, place: str) -> None:
    assert place in [p.key for p in vocab.places(text, reader=True)]


@pytest.mark.parametrize(
    ("text", "trigger"),
    [("it starts around mile two", "same_point"), ("ten minutes into each run", "same_point"),
     ("since switching to new shoes", "change")],
)
def test_lay_triggers(vocab: Vocabulary, text: str, trigger: str) -> None:
    assert trigger in [m.key for m in vocab.triggers(text, reader=True)]


@pytest.mark.parametrize(
    ("q", "best"),
    [
        ("outer knee kills me around mile two", ITBS),
        ("bum aches on long drives", PIRIFORMIS),
    ],
)
def test_lay_descriptions_rank_the_injury_first(demo: SearchIndex, q: str, best: set[str]) -> None:
    assert first(demo, q) in best


# -- a body part inside a trigger is the movement, not where it hurts ---------------------------------

@pytest.mark.parametrize("q", ["front of my hip pinches lifting my knee", "hip flexor sore when lifting my knee"])
def test_a_body_part_in_a_trigger_does_not_pull_its_posts(demo: SearchIndex, q: str) -> None:
    assert first(demo, q) in HIP_FLEXORS


# -- the blog writes to "you": its places are tagged the way a reader's "my" is read ------------------

def test_a_post_saying_your_is_tagged_with_the_place(vocab: Vocabulary) -> None:
    post = make_post("p1", title="Rolling", body="Roll slowly along the outside of your thigh for a minute.")
    assert "it_band.outside" in analyse_post(post, vocab).places["body"]


def test_outside_of_the_thigh_finds_the_it_band_posts(demo: SearchIndex) -> None:
    assert first(demo, "ache along the outside of my thigh") in IT_BAND


# -- red flags said the lay way, and ordinary searches with alarming-looking words -------------------

@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("my foot keeps dragging on runs", "foot_drop"),
        ("left leg suddenly went weak", "numbness"),
        ("needles and pins in my feet", "numbness"),
        ("electric zaps in my arm", "numbness"),
        ("squeezing pressure in my chest on hills", "chest"),
        ("got lightheaded during intervals", "lightheaded"),
        ("ankle is swollen, red and warm", "fever"),
        ("a tender spot on my shin that hurts to touch", "bone_pain"),
        ("top of my foot hurts more every run", "bone_pain"),
        ("back aches all night", "night_pain"),
        ("lost feeling in two toes", "numbness"),
        ("limping and can't put my foot down", "cannot_bear_weight"),
        ("my knee gave out on a descent", "cannot_bear_weight"),
        # from the sixth, blind set's classes: a torn Achilles, and a step that can't be taken
        ("felt like someone kicked me just above my heel", "achilles_rupture"),
        ("a dent in my heel cord since the track session", "achilles_rupture"),
        ("can't take a step on my ankle since I fell", "cannot_bear_weight"),
        # from the seventh to the eleventh sets
        ("ankle is big, hot and red and I have a temperature", "fever"),
        ("down 5 kilos without changing anything and my back hurts", "weight_loss"),
        ("pressure in my chest spreading to my jaw on a tempo run", "chest"),
        ("shin bone so sore I can barely put weight on it", "cannot_bear_weight"),
        # from two blind files of eighty (stress_red_flags.jsonl, more_red_flags.jsonl)
        ("low back sore and it's hard to pee since yesterday", "back_emergency"),
        ("my left calf looks bigger than the other one and feels warm after the flight", "calf_clot"),
        ("heart went fluttery on the tempo and wouldn't settle", "heart_rhythm"),
        ("right foot has been weak for days and slaps when i walk", "one_sided_weakness"),
        ("keep waking up drenched and my hip aches all week", "night_sweats"),
        ("shin ache is constant now, even sitting at work", "night_pain"),
        ("knee pain worse at night and nothing helps it", "night_pain"),
        ("i collapsed at the finish of my first half", "chest"),
        ("felt like an elephant on my chest going up the hill", "chest"),
        ("breathless on an easy run for the first time ever", "breathless"),
        ("my husband was slurring his words after the half in the heat", "confusion"),
        ("a lump on my shin bone that seems to be getting bigger", "lump"),
        ("finished chemo last year and my hip aches all the time", "cancer_history"),
        ("sudden headache like a thunderclap on my long run", "headache_vision"),
        ("urine like cola after a hundred burpees", "dark_urine"),
        ("heard a snap in my heel and can't go up on my toes", "achilles_rupture"),
        # from a third blind file of eighty (blind_red_flags.jsonl): kinds no flag covered
        ("banged my head on a branch and now i feel drowsy and sick", "head_injury"),
        ("got concussed in a trail fall last week, ok to run?", "head_injury"),
        ("tight chest every time i push up a hill, eases when i walk", "chest_exertion"),
        ("my chest tightens during intervals and settles when i stop", "chest_exertion"),
        ("chest pain when i push up the hill", "chest"),
        ("right calf aching since the 9 hour flight home", "travel_clot"),
        ("calf tender and it hurts to breathe in deeply", "travel_clot"),
        ("out of breath even at walking pace this week", "breathless"),
        ("my calves cramp after walking 200 metres and ease if i stand still", "poor_circulation"),
        ("foot went white and cold mid run", "poor_circulation"),
        ("have osteopenia and fell on my hip skiing, still painful", "fragile_bones"),
        ("fell off the kerb and my wrist is at a funny angle", "cannot_bear_weight"),
        ("partner stopped sweating in the heat and got confused", "confusion"),
        ("hot day ultra and i was talking gibberish at the end", "confusion"),
        ("one exact spot on my foot hurts more every run", "bone_pain"),
        # from a fourth blind file of eighty, in other voices (voices_red_flags.jsonl)
        ("son 14 limps after football, no idea why, third week", "child_limp"),
        ("mum is 82 and fell in the garden, hip really sore", "older_fall"),
        ("drank loads of water in the ultra and threw up at the end", "low_sodium"),
        ("jaw aches when i push the pace on hills, eases when i walk", "chest_exertion"),
        ("left arm goes heavy when i run uphill", "chest_exertion"),
        ("knee locked after i twisted it and wont straighten", "cannot_bear_weight"),
        ("my knee swelled up within an hour of twisting it", "cannot_bear_weight"),
        ("calf aches and is bigger than the other one since the cast came off", "calf_clot"),
        ("lost 4kg for no reason and my back aches", "weight_loss"),
        ("my little girl keeps waking up crying with pain in her leg", "night_pain"),
        ("fell off my bike and my elbow looks a funny shape", "cannot_bear_weight"),
        ("my brother came round on the grass after the 10k", "chest"),
        ("breathless on an easy jog lately, used to be fine", "breathless"),
        # from a fifth blind file of eighty, said in passing (casual_red_flags.jsonl)
        ("deep ache in my pelvis area when i stand on one leg, worse every week", "hip_bone"),
        ("cant really hop on my left foot, top of it is tender", "bone_pain"),
        ("my son keeps catching his toes and tripping over nothing", "foot_drop"),
        ("my left foot slaps when i walk lately", "foot_wont_lift"),
        ("heart went to 210 out of nowhere on an easy run then dropped", "heart_rhythm"),
        ("wrist looks a bit bent after i fell on it", "cannot_bear_weight"),
        ("knee stuck bent after a twist at football", "cannot_bear_weight"),
        ("calves ache after walking a few minutes and it goes when i stop", "poor_circulation"),
        # from a sixth blind file of eighty, typed as searches (typed_red_flags.jsonl)
        ("sore calf and now short of breath on the stairs", "travel_clot"),
        ("ankle hurts when i hop and it's getting worse", "bone_pain"),
        ("shin pain now hurts walking too", "walking_bone_pain"),
        ("her knee popped out at netball and looks wrong", "cannot_bear_weight"),
        ("my mum's legs ache walking to the shops, every time i stop with her it eases", "poor_circulation"),
        ("dad's leg pain wakes him every night", "night_pain"),
        ("more out of breath than usual on my easy loops", "breathless"),
        # from a seventh blind file of eighty, sensations described (described_red_flags.jsonl)
        ("my son wakes at night crying about his shin most nights", "night_pain"),
        ("boiling hot and shivery with a sore lower back since sunday", "fever"),
        ("whacked my head on a signpost and now i feel foggy and sick", "head_injury"),
        ("tight band around my ribs on every climb, eases when i walk", "chest_exertion"),
        ("tingling in my foot spreading up the leg, loosening the laces changes nothing", "numbness"),
        ("heart went like a drum roll at mile 2 and took ages to calm down", "heart_rhythm"),
        ("since my back went, wiping feels strange down there", "back_emergency"),
        ("left foot gone white and icy cold after my run", "poor_circulation"),
    ],
)
def test_lay_red_flags_are_noticed(vocab: Vocabulary, text: str, flag: str) -> None:
    assert flag in [f.key for f in vocab.red_flags(text)]


@pytest.mark.parametrize(
    "text",
    ["chest press with heavy dumbbells", "how to fall asleep before a race", "foam rolling a tender spot on my calf",
     "I can't stand running on treadmills", "hip pain when lying on my side at night", "weak ankles balance drills",
     "red shoes for race day", "hot weather long run", "swollen ego after a fast 5k", "night run headlamp",
     "electric bike for cross training", "chest muscles tight from push ups",
     # numb from the cold or from tight laces passes; "kick" is a finishing sprint
     "toes numb from the cold on winter long runs", "feet go numb when my laces are too tight",
     "achilles sore after my kick at the end of the 5k", "kicked my mileage up and my achilles aches",
     # a pop alone can be a joint releasing; feet that slap late in a marathon are tired shins
     "heard a crack in my back when I twisted", "feet slap the road in the last miles of a marathon",
     "dragging my feet to the start line",
     # a hot day, a shiver, and weight lost on purpose
     "running a half marathon in high temperatures", "shivering at the start line",
     "lost weight since I started running and eating better",
     # look-alikes of the flags from the two blind files of eighty
     "my arches collapsed after a long run", "shirt soaked in sweat after a humid run", "legs feel dead all the time,"
     " too many miles?", "my left leg is weaker than my right in single leg squats",
     "quads ache on the couch the day after a hilly run", "heart rate jumps on hills, normal?",
     "pins and needles in my fingers after sleeping on my arm, gone after a few minutes",
     "pecs sore from bench press, hurts when I press the muscle", "black toenail after the marathon, pee normal",
     "confused about which marathon plan to pick", "raising money for a cancer charity with my first 10k",
     "tingle behind my knee when i do the stretch, goes when i stop",
     # look-alikes of the flags from the third blind file
     "chest tight on hills in the cold, clears after the warm up",
     "chest tightness from hunching over a laptop, any stretches",
     "tight chest and shoulders, need openers", "calves tight after a long drive to the race",
     "hit my head on the cupboard, no symptoms, can i run", "confused about heart rate zones on hilly runs",
     "calf pain when walking downhill after a race", "osteoporosis and running, is it safe",
     "calves sore after standing still at the start for an hour", "kneecap sits a bit out of place when i squat?",
     "gasping on hill repeats, normal?", "short of breath on hills as a beginner",
     "flew to boston, legs tired the first run",
     "stopped sweating so much once i got used to the heat", "toes numb on a snowy run, fine once i warmed up",
     # and of the fourth
     "my daughter has been limping since her cross country race yesterday, blister on her heel",
     "ran 70 miles this week, slipped on a wet bridge, back is fine", "drank lots of water and my headache went away",
     "i lost 3kg without trying since upping mileage, good?", "calves give out after 20 single leg raises",
     "legs gave out at mile 22 of the marathon", "jaw tight from clenching on hard runs",
     "breathless on an easy jog, new runner week 2",
     # and of the fifth
     "i keep catching my toes on roots on the trail", "is 220 minus age right for max heart rate",
     "glute med: pelvis dips when i stand on one leg", "should i lace them looser, top of foot a bit sore",
     "watch said 230 out of nowhere but my chest strap said 150",
     # and of the sixth
     "calves sore and short of breath on hill repeats",
     "foot sore walking around after the marathon, getting better now",
     "more out of breath than usual in this humidity", "shin sore when walking downstairs the day after a race",
     "woke up with stiff calves after my first track session", "lowback stiff when i wake up",
     # and of the seventh
     "stitch under my ribs on every climb", "shivery after a long wet run, warmed up in the bath",
     "foot tingles but fine once i loosen the laces", "my heart rate wouldn't settle after intervals",
     "baby wakes at night so I run at 5am tired", "back stiff after gardening, feels weird to bend"],
)
def test_alarming_looking_words_in_ordinary_searches_are_not_flagged(vocab: Vocabulary, text: str) -> None:
    assert vocab.red_flags(text) == []


# -- a word that only says it hurts does not decide between the posts a description points to -------

RUNNERS_KNEE_STAIRS = {"1015", "1057"}  # the posts that name stairs, squatting and sitting as its triggers


@pytest.mark.parametrize("q", ["knee aches walking downstairs", "sore knees going down the stairs",
                               "knees going down the stairs"])
def test_pain_words_do_not_pull_a_title_with_pain_in_it(demo: SearchIndex, q: str) -> None:
    assert first(demo, q) in RUNNERS_KNEE_STAIRS


@pytest.mark.parametrize(("text", "trigger"), [("walking down the stairs", "downstairs"),
                                               ("going up the stairs", "stairs")])
def test_stairs_said_with_the(vocab: Vocabulary, text: str, trigger: str) -> None:
    assert trigger in [m.key for m in vocab.triggers(text, reader=True)]


# -- words that only link a description ("after", "since") are not required once it points to an injury

@pytest.mark.parametrize("q", ["knees ache after a long car ride", "knee pain after long films"])
def test_linking_words_do_not_decide(demo: SearchIndex, q: str) -> None:
    # Runner's knee lists sitting among its triggers; "after" alone must not pick the post that says it.
    assert first(demo, q) in RUNNERS_KNEE_STAIRS | {"1028"}


# -- places said without their article ("behind knee cap") ---------------------------------------------

@pytest.mark.parametrize(("text", "place"),
                         [("pain behind knee cap", "knee.around"), ("ache below kneecap", "knee.under")])
def test_places_without_their_article(vocab: Vocabulary, text: str, place: str) -> None:
    assert place in [p.key for p in vocab.places(text, reader=True)]


# -- classes from a fifth set, written blind (benchmarks/symptom_queries/fifth_*) ----------------------

def test_a_guessed_injury_is_followed_by_the_rest_of_its_body_part(demo: SearchIndex) -> None:
    # Outer knee pain points to IT band syndrome: the other IT band posts (stretches, foam rolling)
    # come before knee posts about something else.
    ids = [h.id for h in demo.search(SearchRequest(q="my outer knee is sore a few miles into each run")).hits]
    assert set(ids[:3]) == IT_BAND


def test_a_named_injury_is_followed_by_the_rest_of_its_body_part(demo: SearchIndex) -> None:
    ids = [h.id for h in demo.search(SearchRequest(q="hamstring tear")).hits]
    assert ids[:2] == ["1013", "1031"]  # the strain post, then the hamstring stretches: not a page of one


def test_it_in_a_sentence_is_the_pronoun_not_the_it_band(demo: SearchIndex) -> None:
    ids = [h.id for h in demo.search(SearchRequest(q="it feels like I'm hitting the brakes with every stride")).hits]
    assert ids[0] == "1011" and not set(ids[:10]) & IT_BAND


def test_it_in_capitals_is_still_the_it_band(demo: SearchIndex) -> None:
    assert first(demo, "IT hurts on long runs") in IT_BAND


@pytest.mark.parametrize(
    ("q", "right"),
    [
        # The blog treats an ache down the front of the shin as the tibialis anterior tiring ...
        ("ache down the front of my shins after adding miles", {"1062"}),
        # ... and the inside edge as shin splints (the vocabulary's `where` for shin splints).
        ("inner shin sore on concrete runs", {"1040", "1014"}),
    ],
)
def test_the_front_and_the_inside_of_the_shin_are_different_posts(demo: SearchIndex, q: str, right: set[str]) -> None:
    assert first(demo, q) in right


# -- classes from a sixth set, written blind in everyday words (benchmarks/symptom_queries/sixth_*) ------

def test_body_parts_listed_together_point_to_no_injury(vocab: Vocabulary) -> None:
    guess = vocab.guess("my shins ache since I added miles")
    assert guess is not None and guess.injury == "shin_splints"
    # Knees and shins after a jump in mileage: a load problem, not shin splints.
    assert vocab.guess("my knees and shins ache since I added miles") is None


def test_only_an_injurys_main_body_part_named_points_to_it(vocab: Vocabulary) -> None:
    # IT band syndrome lists the outside of the quad among its places, but sore quads after a
    # descent are the downhill post's, not the IT band's.
    assert vocab.guess("quads wrecked after a fell race") is None
    guess = vocab.guess("knee hurts at the same point in every run")
    assert guess is not None and guess.injury == "it_band_syndrome"


# -- classes from a seventh set, written blind (benchmarks/symptom_queries/seventh_*) -------------------

def test_a_kind_said_not_to_help_is_not_asked_for(demo: SearchIndex) -> None:
    # "tight" and "stretching" no longer ask for stretches: the knees that stop lifting decide.
    # (Stretch posts are not pushed down either: on blind sets, "stretching does nothing" readers
    # were as often sent to the post on stretching the other calf muscle.)
    assert first(demo, "hip flexors tight, stretching them does nothing, my knees stop lifting late in races") == "1038"


def test_the_words_saying_a_kind_does_not_help_are_not_searched(vocab: Vocabulary) -> None:
    from runphys.search.query_parse import plan

    tokens = plan("calves tight, foam rolling does nothing", vocab).tokens
    assert [(t.kind, t.key) for t in tokens if t.kind == "turned_down"] == [("turned_down", "self_massage"),
                                                                            ("turned_down", "")]
    # Only the kind turned down: "tight" still asks for stretches.
    assert ("intent", "tight") in [(t.kind, t.text) for t in tokens]
    # The same kind's other words stay words ("tight" when stretching is what did not help).
    tokens = plan("calves tight, stretching does nothing", vocab).tokens
    assert ("word", "tight") in [(t.kind, t.text) for t in tokens]


# -- classes from the eighth (short) and ninth (sentence) blind sets -------------------------------------

def test_a_place_inside_a_trigger_is_how_the_foot_lands(vocab: Vocabulary) -> None:
    text = "my arches ache since I started landing on the balls of my feet"
    assert [p.key for p in vocab.places(text, reader=True)] == ["foot.arch"]  # not the ball of the foot
    assert "footstrike" in [m.key for m in vocab.triggers(text, reader=True)]
    guess = vocab.guess(text)
    assert guess is None or guess.injury != "metatarsalgia"


def test_an_injury_without_places_is_not_guessed_from_its_body_part_and_a_trigger(vocab: Vocabulary) -> None:
    assert vocab.guess("low back stiff when i wake up") is None


# -- classes from the tenth and eleventh blind sets ------------------------------------------------------

def test_a_stab_is_pain_and_a_kilometre_is_a_point_in_the_run(vocab: Vocabulary) -> None:
    guess = vocab.guess("outer knee starts stabbing at the same km each run")
    assert guess is not None and guess.injury == "it_band_syndrome" and guess.triggers == ("same_point",)


def test_waking_up_is_the_first_steps_not_a_glute_wake_up(demo: SearchIndex) -> None:
    assert first(demo, "heel is agony when waking up") in {"1050", "1009"}


def test_a_pop_said_to_come_with_no_pain_or_swelling_is_not_flagged(vocab: Vocabulary) -> None:
    assert vocab.red_flags("knee made a pop on the stairs, no pain or swelling") == []
    assert "pop_and_swelling" in [f.key for f in vocab.red_flags("knee made a pop on the stairs and swelled up")]


# -- everyday words, each class from a blind set, each wording in none of them ---------------------------

@pytest.mark.parametrize(
    ("q", "post"),
    [
        ("my glutes feel switched off on runs", "1042"),  # muscles that don't switch on need activation
        ("my glutes never kick in on hills", "1042"),
        # knees that stop lifting late in a race: lost knee drive, a strength problem (said with the
        # knees it is a trigger: the knees are what moves, not where it hurts)
        ("late in a marathon my stride turns into a shuffle", "1038"),
        ("knees won't lift in the last mile of a 10k", "1038"),
        ("backs of my legs are tight after sitting all day", "1031"),  # the hamstrings
        ("pulled the back of my upper leg sprinting", "1013"),
        ("sore spot between my shoulders from the laptop", "1043"),  # the upper back
        ("trying shorter quicker steps, what drills help", "1056"),  # cadence
        ("quads wrecked after a fell race", "1029"),  # a mountain race is downhill running
        ("legs feel flat on the first rep, what to do before a workout", "1017"),  # a warm-up
        ("burning lungs on frosty runs", "1045"),  # cold air, not the chest muscles
    ],
)
def test_everyday_words_find_their_post(demo: SearchIndex, q: str, post: str) -> None:
    assert first(demo, q) == post


# -- classes from the twelfth and thirteenth blind sets --------------------------------------------------

@pytest.mark.parametrize(
    ("q", "post"),
    [
        # A cause beside a body part: the post on the change, not the body part's stretches.
        ("arches sore since I changed to forefoot running", "1044"),
        ("my knees hurt since I went back to my old mileage after a month off", "1069"),
        ("knees achy since jumping straight back to my usual miles after a break", "1069"),
    ],
)
def test_a_cause_named_beside_a_body_part_ranks_its_post_first(demo: SearchIndex, q: str, post: str) -> None:
    assert first(demo, q) == post


def test_causes_are_the_vocabularys(vocab: Vocabulary) -> None:
    assert vocab.is_cause("change") and vocab.is_cause("comeback") and vocab.is_cause("mileage_jump")
    assert not vocab.is_cause("downstairs") and not vocab.is_cause("no_such_trigger")
    # Coming back from a break is its own trigger: the shins after more miles are still shin splints.
    assert [m.key for m in vocab.triggers("back to running after a month off", reader=True)] == ["comeback",
                                                                                                   "comeback"]
    guess = vocab.guess("shins sore since I ramped up my miles")
    assert guess is not None and guess.injury == "shin_splints"


def test_a_named_injury_outweighs_a_kind_and_a_trigger_beside_it(demo: SearchIndex) -> None:
    # "sore neck" is the neck-pain injury, whose own row is one short field: "stiff" (mobility) and
    # "after a long run" must not put the low-back posts first.
    assert first(demo, "stiff and sore neck after a long run") == "1063"


@pytest.mark.parametrize("q", ["front of my knee aches walking down the stairs and downhill",
                               "knee hurts at the front going downstairs and down hills"])
def test_among_an_injurys_posts_the_one_saying_the_trigger_comes_first(demo: SearchIndex, q: str) -> None:
    # Both posts are runner's knee; the step-downs post is the one about stairs (before, the
    # injury's row stood in for the trigger's and the richer runner's-knee post won).
    assert first(demo, q) == "1057"


@pytest.mark.parametrize(
    ("text", "flag"),
    [("loud pop behind my ankle and I can't push off", "achilles_rupture"),
     ("groin hurts deep inside and now I'm limping", "hip_bone"),
     ("my left foot keeps catching the ground, I can't lift the front of it", "foot_drop")],
)
def test_more_red_flags_said_the_lay_way(vocab: Vocabulary, text: str, flag: str) -> None:
    assert flag in [f.key for f in vocab.red_flags(text)]


@pytest.mark.parametrize("text", ["heel aches when I wake up", "pain on waking in my heel",
                                  "my ankle pops when I circle it", "groin strain from hill sprints",
                                  # a chest that burns with a cough after a cold run is the airways
                                  "chest burns and I keep coughing after frosty runs, does it hurt my lungs"])
def test_waking_up_a_painless_pop_and_a_cold_air_cough_are_not_red_flags(vocab: Vocabulary, text: str) -> None:
    assert vocab.red_flags(text) == []


def test_things_tried_together_are_all_turned_down(vocab: Vocabulary) -> None:
    from runphys.search.query_parse import plan

    tokens = plan("my arch aches in the morning, rolled a golf ball and did calf stretches, no better", vocab).tokens
    assert {t.key for t in tokens if t.kind == "turned_down"} == {"self_massage", "stretch", ""}
    # Only things joined by "and" / "or": a tight calf said before the foam rolling is the complaint.
    tokens = plan("calves tight, foam rolling does nothing", vocab).tokens
    assert {t.key for t in tokens if t.kind == "turned_down"} == {"self_massage", ""}


def test_a_cause_named_rules_out_injuries_it_does_not_lead_to(vocab: Vocabulary) -> None:
    # The arch is plantar fasciitis's place, but the reader says what changed: the footstrike.
    assert vocab.guess("my arches and calves are sore since I changed to a toe-first landing") is None
    # More miles is one of shin splints' own triggers: still guessed.
    guess = vocab.guess("inner shins sore since I ramped up my miles")
    assert guess is not None and guess.injury == "shin_splints"


def test_tried_and_not_helping_sends_the_reader_past_those_posts(demo: SearchIndex) -> None:
    # The ball-and-towel post is what they tried; the morning heel post is the next step.
    q = "heel agony getting out of bed, rolled a ball under it and stretched for weeks, no change"
    assert first(demo, q) == "1050"


@pytest.mark.parametrize(("text", "place"), [("front of my lower leg aches", "shin.front"),
                                             ("inner side of my lower leg is tender", "shin.inside")])
def test_the_lower_leg_is_the_shin_in_front_and_inside(vocab: Vocabulary, text: str, place: str) -> None:
    assert [p.key for p in vocab.places(text, reader=True)] == [place]


def test_feet_that_slap_are_how_the_feet_move_not_where_it_hurts(vocab: Vocabulary) -> None:
    from runphys.search.query_parse import plan

    tokens = plan("my feet start smacking the pavement at the end of a race", vocab).tokens
    assert ("trigger", "feet_slapping") in [(t.kind, t.key) for t in tokens]
    assert "foot" not in [t.key for t in tokens if t.kind == "concept"]


@pytest.mark.parametrize(("q", "post"), [("front of my lower leg aches late in long runs", "1062"),
                                         ("I think I'm overstriding and my knees hurt", "1011"),
                                         # tense shoulders: the post on relaxing them
                                         ("shoulders creep up and get tense on long runs", "1065")])
def test_the_lower_leg_and_one_word_for_overstriding_find_their_post(demo: SearchIndex, q: str, post: str) -> None:
    assert first(demo, q) == post


@pytest.mark.parametrize(("q", "off_topic"), [("neck stretch", "1031"), ("hamstring strength", "1046")])
def test_a_kind_asked_for_counts_less_on_posts_off_the_topic(demo: SearchIndex, q: str, off_topic: str) -> None:
    # A hamstring stretch is a stretch, but not for the neck; single-leg strength for the IT band is
    # strength, but not the hamstrings': closer posts come before them.
    ids = [h.id for h in demo.search(SearchRequest(q=q)).hits]
    assert off_topic not in ids[:3]


def test_a_kind_off_the_topic_is_shown_further_down_not_dropped(demo: SearchIndex) -> None:
    # No post foam-rolls the hamstrings: the foam rolling posts for other body parts are still listed.
    ids = [h.id for h in demo.search(SearchRequest(q="foam rolling for sore hamstrings", per_page=50)).hits]
    assert {"1022", "1003", "1066"} <= set(ids)


def test_arms_that_cross_the_body_are_a_way_of_running_not_a_chest_search(demo: SearchIndex) -> None:
    # The chest in it is the arms' path: the arm swing posts, not the chest openers.
    ids = [h.id for h in demo.search(SearchRequest(q="my arms cross over my chest when I run")).hits]
    assert set(ids[:2]) == {"1020", "1065"}


# -- sixteenth and seventeenth sets: telling words against title words, feedback, unwritten places ----

def test_a_trigger_outweighs_a_plain_word_in_a_title(demo: SearchIndex) -> None:
    # "races" is in the title of the race-week post; knees that stop lifting are the hip flexors'.
    assert first(demo, "knees stop lifting in the last miles of races") == "1038"


@pytest.mark.parametrize("q", ["my foot lands out ahead of me and the jolt goes up into my knee",
                               "foot reaches out ahead of me and my knee takes the jolt"])
def test_feedback_does_not_overturn_a_clear_first_ranking(demo: SearchIndex, q: str) -> None:
    # The overstriding post leads the first ranking; the knee words of the top posts must not carry
    # the downhill post past it.
    assert first(demo, q) == "1011"


def test_a_place_on_a_body_part_nobody_wrote_about_finds_the_nearest_one(demo: SearchIndex) -> None:
    # No post is about the Achilles: the calf posts come first, and the notice says why.
    result = demo.search(SearchRequest(q="sore spot just above my heel after runs"))
    assert {h.id for h in result.hits[:2]} <= {"1053", "1005", "1066"}
    assert "No posts on Achilles yet — calf and ankle posts:" in result.notices


def test_a_body_part_nobody_wrote_about_alone_still_finds_nothing(demo: SearchIndex) -> None:
    # A search on the topic alone is unmet demand for the author: nothing found, the nearby posts offered.
    result = demo.search(SearchRequest(q="achilles"))
    assert result.total == 0 and result.nearby


@pytest.mark.parametrize(("q", "post"), [("swapped to zero drop shoes and now my feet ache", "1025"),
                                         ("calves feel knotted after long runs", "1066"),
                                         ("I slump forward more and more as my long run goes on", "1033")])
def test_everyday_words_for_a_shoe_change_knots_and_slumping(demo: SearchIndex, q: str, post: str) -> None:
    assert first(demo, q) == post


def test_the_readers_word_for_a_kind_counts_beside_the_kind(demo: SearchIndex) -> None:
    # "stiff" asks for mobility work, and the ankle-mobility post says "stiff": it comes before the
    # ankle alphabet, whose title says "ankle" twice.
    assert first(demo, "stiff ankle when lunging forward") == "1019"


# -- classes from the twenty-first blind set -------------------------------------------------------

@pytest.mark.parametrize("q", ["resting heart rate up all week and my legs feel heavy",
                               "pulse higher than normal when I wake up, runs feel flat"])
def test_a_raised_resting_pulse_finds_the_rest_post(demo: SearchIndex, q: str) -> None:
    # A resting heart rate higher than usual in the morning is a sign of too little rest.
    assert first(demo, q) == "1036"


@pytest.mark.parametrize("text", ["laces dig into the top of my foot and it hurts to press, better once relaced",
                                  "tingles behind my thigh in a stretch, gone once i back off"])
def test_laces_pressing_and_a_tingle_in_a_stretch_are_not_flagged(vocab: Vocabulary, text: str) -> None:
    assert vocab.red_flags(text) == []


@pytest.mark.parametrize(("text", "flag"), [("top of my foot hurts to press and keeps getting worse", "bone_pain"),
                                            ("tingling down my leg that never eases", "numbness")])
def test_the_same_symptoms_without_a_harmless_cause_are_flagged(vocab: Vocabulary, text: str, flag: str) -> None:
    assert flag in [f.key for f in vocab.red_flags(text)]


# -- classes from the twenty-second blind set ------------------------------------------------------

def test_the_inside_of_the_thigh_is_the_groin(demo: SearchIndex) -> None:
    assert first(demo, "pulling on the inside of my thigh when I sprint") in {"1027", "1049"}


def test_the_back_of_the_lower_leg_is_the_calf(vocab: Vocabulary) -> None:
    assert "calf.back" in [p.key for p in vocab.places("tight at the back of my lower leg after hills")]


@pytest.mark.parametrize(("text", "trigger"), [("my feet land way ahead when I run", "overstriding"),
                                               ("knee gets past the toes only if my heel lifts", "ankle_bend")])
def test_the_body_part_that_moves_is_inside_the_trigger(vocab: Vocabulary, text: str, trigger: str) -> None:
    assert trigger in [t.key for t in vocab.triggers(text, reader=True)]


@pytest.mark.parametrize("q", ["feet land way ahead of me when I'm tired", "feet landing way ahead, is that bad"])
def test_a_foot_landing_way_ahead_is_overstriding(demo: SearchIndex, q: str) -> None:
    assert first(demo, q) == "1011"


def test_an_exercise_and_its_kit_by_the_readers_names(demo: SearchIndex) -> None:
    assert first(demo, "crab walks with a theraband, where should I feel them") == "1068"


@pytest.mark.parametrize("q", ["keeps rolling my ankle on uneven ground", "my ankle keeps giving way on hikes"])
def test_an_ankle_that_keeps_rolling_finds_the_balance_work(demo: SearchIndex, q: str) -> None:
    assert first(demo, q) == "1023"


def test_a_synonym_with_a_body_part_inside_is_read_whole(vocab: Vocabulary) -> None:
    # The longest reading wins: the ankle that keeps rolling, not the ankle and a word, nor the
    # shorter trigger "rolling the" inside it.
    tree = plan("keeps rolling the same ankle", vocab).tree
    assert isinstance(tree, Synonym) and tree.surface == "keeps rolling the same ankle"


def test_numb_on_the_toilet_and_gone_on_standing_is_not_flagged(vocab: Vocabulary) -> None:
    assert vocab.red_flags("leg numb on the toilet, passes once i stand up") == []
    assert "numbness" in [f.key for f in vocab.red_flags("leg numb on the toilet and it stays numb all day")]


# -- classes from the twenty-third blind set -------------------------------------------------------

def test_where_and_when_said_is_a_description_pain_words_do_not_decide(demo: SearchIndex) -> None:
    # The front of the shin and the stairs are said: "hurts" no longer favours the knee post on
    # stairs, whose words say pain more.
    assert first(demo, "front of my shin burns when I go down stairs and it hurts") == "1062"


@pytest.mark.parametrize("q", ["every run is a slog lately, why", "feel burned out on my training"])
def test_signs_of_too_little_rest_find_the_rest_days(demo: SearchIndex, q: str) -> None:
    assert first(demo, q) == "1036"


@pytest.mark.parametrize("text", ["hands tingle when my arms hang by my sides, fine once I shake them out",
                                  "numb down there on the bike saddle, back to normal once i get off",
                                  "lightheaded when I stop suddenly after intervals, fine once I walk it off"])
def test_numbness_or_light_headedness_that_passes_at_once_is_not_flagged(vocab: Vocabulary, text: str) -> None:
    assert vocab.red_flags(text) == []


@pytest.mark.parametrize("q", ["can't get my knee over my toes without my heel lifting",
                               "tight ankle, knee won't go past my toes in a lunge"])
def test_a_knee_that_cannot_go_past_the_toes_is_a_stiff_ankle(demo: SearchIndex, q: str) -> None:
    # How far the knee goes forward is how far the ankle bends: the ankle-mobility post, not the
    # knee posts that name squatting.
    assert first(demo, q) == "1019"


def test_a_linking_word_with_its_g_dropped_is_still_a_linking_word(demo: SearchIndex) -> None:
    # "goin" is "going": in a description it decides nothing, as "going" does (it had put a post
    # that says "going" on every line above the knee post on stairs).
    assert first(demo, "knees ache when im goin down the stairs") in {"1057", "1015"}


@pytest.mark.parametrize("text", ["knee aches when I squat to pick up my kid", "groin twinges squatting down"])
def test_squatting_said_with_when_or_down_is_the_trigger(vocab: Vocabulary, text: str) -> None:
    # One word ("squat") stays a word; said as the reader says when it hurts, it is the trigger.
    assert "squatting" in [t.key for t in vocab.triggers(text, reader=True) if t.end - t.start > 1]


# -- classes from the twenty-sixth blind set -------------------------------------------------------

@pytest.mark.parametrize(("text", "trigger"), [("knees over toes hurts in a deep lunge", "ankle_bend"),
                                               ("sore calves after upping mileage", "mileage_jump")])
def test_a_phrase_said_without_the_is_the_same_phrase(vocab: Vocabulary, text: str, trigger: str) -> None:
    # Readers drop "the" ("knee over toes"); the vocabulary writes it ("knee over the toes").
    assert trigger in [t.key for t in vocab.triggers(text, reader=True)]


def test_the_article_dropped_form_keeps_the_phrase_ends(vocab: Vocabulary) -> None:
    # Only a "the" inside a phrase is optional: a phrase is never cut to its inner words.
    assert vocab.forms("knee over the toes") == [("knee", "over", "the", "toes"), ("knee", "over", "toes")]
    assert vocab.forms("the back") == [("the", "back")]


@pytest.mark.parametrize("text", ["rolled my heel on a frozen bottle", "rolling it on a ball after runs"])
def test_rolling_a_foot_or_muscle_is_not_a_rolled_ankle(vocab: Vocabulary, text: str) -> None:
    assert "rolled" not in [t.key for t in vocab.triggers(text, reader=True)]


def test_an_ankle_rolled_is_still_the_trigger(vocab: Vocabulary) -> None:
    assert "rolled" in [t.key for t in vocab.triggers("wobbly since i rolled my ankle on a root", reader=True)]


@pytest.mark.parametrize("text", ["my vision greyed out at the end of a hill sprint",
                                  "keeled over after crossing the line at a 10k"])
def test_fainting_in_lay_words_is_flagged(vocab: Vocabulary, text: str) -> None:
    assert "chest" in [f.key for f in vocab.red_flags(text)]


def test_a_kind_said_not_to_help_comes_after_the_others_on_the_problem(demo: SearchIndex) -> None:
    # Stretching said not to help, far from where it was said ("for ages and nothing helps"): the
    # strengthening post on morning heel pain first, the stretching post still in the results.
    ids = [h.id for h in demo.search(SearchRequest(
        q="arch of my foot aches when i stand up in the morning, been stretching it for ages and nothing helps")).hits]
    assert ids[0] == "1050" and "1009" in ids


@pytest.mark.parametrize(("text", "turned"), [("anything for sore arches besides rolling a ball", {"self_massage"}),
                                              ("hamstrings tight, what works other than stretches or foam rolling",
                                               {"stretch", "self_massage"})])
def test_a_kind_set_aside_before_it_is_named_is_turned_down(vocab: Vocabulary, text: str, turned: set[str]) -> None:
    assert vocab.turned_down(text, vocab.intents(text))[0] == turned


def test_only_a_kind_right_after_instead_of_is_set_aside(vocab: Vocabulary) -> None:
    # "instead of" sets aside what follows it closely, not a kind said later ("... then stretch").
    text = "run on grass instead of the road for a week, then stretch your calves"
    assert vocab.turned_down(text, vocab.intents(text))[0] == frozenset()


def test_something_other_than_a_kind_finds_the_other_posts_on_the_problem(demo: SearchIndex) -> None:
    # The hip flexors are tight and stretching is set aside: the strengthening post first.
    assert first(demo, "hip flexors always tight, what helps apart from stretching them") == "1038"


# -- a reader's loose word for a body part (`reader_terms`) ----------------------------------------

def test_a_readers_thigh_is_the_quadriceps_in_a_search_only(vocab: Vocabulary) -> None:
    assert [m.key for m in vocab.find("my thighs are trashed", reader=True)] == ["quadriceps"]
    # A post's "thighs parallel to the floor" is not about the quadriceps, and "thigh" is not one
    # of the names a quadriceps search looks for.
    assert vocab.find("squat until your thighs are parallel to the floor") == []
    assert "thigh" not in vocab.expansions("quadriceps")
    assert "quadriceps" not in analyse_post(make_post("p1", title="Squats", body="Thighs parallel, then stand."),
                                            vocab).concepts["body"]


def test_a_loose_word_listed_beside_a_body_part_is_no_body_part_of_its_own(vocab: Vocabulary) -> None:
    tree = plan("ache down the outside of my hip and thigh", vocab).tree
    assert "quadriceps" not in [getattr(c, "key", None) for c in getattr(tree, "children", ())]
    assert [m.key for m in vocab.find("thigh and groin tight after hills", reader=True)] == ["adductors"]


def test_a_thigh_wrecked_after_a_descent_finds_the_downhill_post(demo: SearchIndex) -> None:
    assert first(demo, "thighs trashed for days after a steep mountain race") == "1029"



@pytest.mark.parametrize("q", ["backs of my lower legs tight", "the back of my lower leg feels tight when i stretch",
                               "stretch for the backs of the lower legs"])
def test_a_place_said_back_of_a_body_part_of_two_words_is_not_the_lower_back(demo: SearchIndex, q: str) -> None:
    # "back" and "lower" apart are the low-back posts' words; the body part is "lower leg", side by side.
    assert first(demo, q) == "1005"


@pytest.mark.parametrize("q", ["ankles keep going over on the trails", "my ankle keeps turning on uneven ground",
                               "my ankel keeps turning on trails"])
def test_an_ankle_that_keeps_going_over_finds_the_balance_post(demo: SearchIndex, q: str) -> None:
    assert first(demo, q) == "1023"


def test_exercises_readers_name_for_the_core_are_the_core_in_a_search_only(vocab: Vocabulary) -> None:
    assert "core" in [m.key for m in vocab.find("sit-ups hurt my back, what else", reader=True)]
    assert [m.key for m in vocab.find("my crunches are too easy now", reader=True)] == ["core"]
    # A post's "bird dog crunch" is an exercise's name, not a post about the abs.
    assert vocab.find("bird dog crunch, then return") == []


def test_knees_that_cannot_be_lifted_are_lost_knee_drive_not_a_painful_lift(vocab: Vocabulary,
                                                                            demo: SearchIndex) -> None:
    said = [m.key for m in vocab.triggers("cant get my knees up in the last miles of a half", reader=True)]
    assert said == ["knee_drive"]
    assert first(demo, "cant get my knees up in the last miles of a half") == "1038"


def test_beside_a_cause_the_readers_other_plain_words_count_less(demo: SearchIndex) -> None:
    # New shoes are the cause; "a week ago", "absolutely battered" are how the reader tells it, and
    # Race Week shares such words by chance.
    q = "switched to thin minimalist trainers a week ago and now my arches and calves are absolutely battered"
    assert first(demo, q) == "1025"


def test_back_thighs_a_distance_in_every_run_and_going_over_on_a_foot(vocab: Vocabulary, demo: SearchIndex) -> None:
    assert [m.key for m in vocab.find("my back thighs are tight after sitting", reader=True)] == ["hamstrings"]
    assert first(demo, "back thighs tight from sitting at work") == "1031"
    assert [m.key for m in vocab.triggers("outer knee pain every 10k", reader=True)] == ["same_point"]
    assert first(demo, "outer knee pain every 10k") == "1046"
    assert [m.key for m in vocab.triggers("i keep going over on my left foot on trails", reader=True)] == ["rolled"]


@pytest.mark.parametrize("q", ["my torso twists a lot when I run, what core work helps",
                               "shoulders twisting side to side on the run, need core work"])
def test_an_upper_body_that_twists_is_the_anti_rotation_post_not_a_change_of_direction(vocab: Vocabulary,
                                                                                       demo: SearchIndex,
                                                                                       q: str) -> None:
    assert "side_to_side" not in [m.key for m in vocab.triggers(q, reader=True)]
    assert first(demo, q) == "1030"


@pytest.mark.parametrize("q", ["hips so tight I can't swing my leg back when I run",
                               "my leg won't go back far behind me, hips feel tight from the office chair"])
def test_a_leg_that_will_not_reach_back_is_the_hip_flexors_not_the_back(vocab: Vocabulary, demo: SearchIndex,
                                                                       q: str) -> None:
    assert "leg_behind" in [m.key for m in vocab.triggers(q, reader=True)]
    assert first(demo, q) in {"1008", "1052"}


def test_feet_that_flop_a_muscle_that_twangs_and_a_knee_that_cannot_go_forward(vocab: Vocabulary) -> None:
    assert "feet_slapping" in [m.key for m in vocab.triggers("my feet flop down loud on the road", reader=True)]
    assert "sudden" in [m.key for m in vocab.triggers("my calf pinged on a hill rep", reader=True)]
    assert "ankle_bend" in [m.key for m in vocab.triggers("my knees won't go forward when I squat", reader=True)]


def test_a_foot_landing_way_out_front_is_overstriding(vocab: Vocabulary) -> None:
    assert "overstriding" in [m.key for m in vocab.triggers("my foot lands way out front on every step", reader=True)]


@pytest.mark.parametrize("q", ["sore calves, the stretching doesn't seem to help",
                               "sore calves, been stretching for weeks but it keeps happening"])
def test_help_that_does_not_seem_to_come_turns_the_kind_down(vocab: Vocabulary, q: str) -> None:
    assert ("turned_down", "stretch") in [(t.kind, t.key) for t in plan(q, vocab).tokens]


def test_one_symptom_said_two_ways_shows_one_clinician_notice(demo: SearchIndex) -> None:
    result = demo.search(SearchRequest(q="calf swollen and hot since my flight, hurts when I breathe in"))
    assert len(result.red_flags) == 1
    assert "blood clot" in result.red_flags[0]


def test_knees_that_will_not_pick_up_and_a_new_pair_said_by_what_it_is(vocab: Vocabulary, demo: SearchIndex) -> None:
    assert [m.key for m in vocab.triggers("cant pick my knees up near the end of a half", reader=True)] \
        == ["knee_drive"]
    assert first(demo, "arches and calves wrecked since I got these new flats") == "1025"


def test_a_long_triggers_words_do_not_outweigh_the_posts_that_say_it(demo: SearchIndex) -> None:
    # "lands way out front": four words, each a chance for the quad posts ("front of the thigh").
    ranked = demo.ranked_ids("knees sore, my foot lands way out front", limit=5)
    assert ranked[0] in {"1011", "1029"}  # the posts on overstriding (one of them on downhills)
    assert "1011" in ranked[:2] and "1003" not in ranked[:3]


@pytest.mark.parametrize(("q", "cause", "post"), [
    ("shins aching, garmin says 150 steps per minute", "low_cadence", "1006"),
    ("my low back aches because I slump when I get tired", "slumping", "1033"),
    ("took the winter off then jumped right back to 30 miles, achilles sore", "comeback", "1069"),
])
def test_a_way_of_running_or_training_said_in_lay_words_is_a_cause(vocab: Vocabulary, demo: SearchIndex, q: str,
                                                                   cause: str, post: str) -> None:
    assert cause in [m.key for m in vocab.triggers(q, reader=True)]
    assert vocab.is_cause(cause)
    assert first(demo, q) == post


def test_no_warm_up_and_arms_across_the_belly_are_said(vocab: Vocabulary, demo: SearchIndex) -> None:
    assert "no_warm_up" in [m.key for m in vocab.triggers("hamstrings tight since I never warm up", reader=True)]
    assert "1017" in demo.ranked_ids("hamstrings tight for the first mile since I never warm up", limit=2)
    assert "arms_crossing" in [m.key for m in vocab.triggers("arms swing across my belly when I run", reader=True)]


@pytest.mark.parametrize(("q", "post"), [
    ("the yoga hip opener hurts my knee, what else for a tight bum", "1060"),
    ("I wobble all over the place balancing on my left leg", "1070"),
    ("in the last 5k my legs barely lift and I start scuffing", "1038"),
    ("stiff ankle, my knee cant pass my toes", "1019"),
])
def test_a_pose_a_wobble_scuffing_feet_and_a_knee_that_will_not_pass_the_toes(demo: SearchIndex, q: str,
                                                                              post: str) -> None:
    assert first(demo, q) == post


def test_a_kind_asked_for_beside_pain_words_finds_the_exercise_not_the_post_about_pain(demo: SearchIndex) -> None:
    # "achy" says only that it hurts: beside "strengthen" it must not favour the posts on heel pain.
    assert first(demo, "weak feet and achy arches, how do I strengthen them") == "1037"


@pytest.mark.parametrize(("q", "best"), [
    ("hips and knees both achy, my cadence is only around 150", "1006"),
    ("sore knees and hips, foot lands way out in front of me", "1011"),
    ("my shins and knees have been sore since I went to zero drop shoes two weeks ago", "1025"),
])
def test_sore_body_parts_beside_a_cause_find_the_post_on_the_cause(demo: SearchIndex, q: str, best: str) -> None:
    # The reader says why it hurts; the knee posts sharing the cause's words by chance come after.
    assert first(demo, q) == best


def test_a_dropping_hip_is_the_gluteus_medius_and_spm_is_cadence(vocab: Vocabulary, demo: SearchIndex) -> None:
    assert [m.key for m in vocab.find("my hip drops when i land", reader=True)] == ["glute_med"]
    assert first(demo, "what is a good spm for a beginner") == "1006"


def test_an_exercise_that_hurts_finds_the_posts_on_doing_it(vocab: Vocabulary, demo: SearchIndex) -> None:
    # Held wrong (hips sagging), the plank strains the low back: the plank posts, not the back posts.
    assert [m.key for m in vocab.triggers("my low back is killing me during my planks", reader=True)] == ["planking"]
    assert first(demo, "my low back is killing me during my planks") in {"1004", "1061"}


def test_shoulders_carried_up_are_how_the_runner_holds_them(vocab: Vocabulary, demo: SearchIndex) -> None:
    # Tension carried on the run (shoulders hitched up, fists clenched) is a cause, not a place: the
    # relax-your-shoulders post, before the chest and shoulder openers.
    assert "shrugging" in [m.key for m in vocab.triggers("shoulders hunched up and tense on long runs", reader=True)]
    assert vocab.is_cause("shrugging") and vocab.is_cause("knee_drive")
    assert first(demo, "shoulders hunched up and tense on long runs") == "1065"
    assert first(demo, "cant lift my knees in the last miles of a marathon and start to shuffle") == "1038"


# -- a learner's English: the place, the movement and the count said in plain words -----------------

@pytest.mark.parametrize(("text", "place"), [
    # the lower leg said as the leg below the knee; "inside" a buttock is deep in it
    ("front of my leg below the knee aches", "shin.front"),
    ("inside of the leg under the knee is sore", "shin.inside"),
    ("pain inside my bum on long drives", "glutes.deep"),
])
def test_the_leg_below_the_knee_and_inside_the_buttock_are_places(vocab: Vocabulary, text: str, place: str) -> None:
    assert place in [p.key for p in vocab.places(text, reader=True)]


@pytest.mark.parametrize(("text", "trigger"), [
    ("my watch says 162 steps in a minute", "low_cadence"),
    ("my legs can not go back far enough", "leg_behind"),
    ("knees go inside when I land", "knee_caving"),
    ("feet make a slapping noise towards the end", "feet_slapping"),
    ("started again after two months and everything aches", "comeback"),
    ("bought shoes with a lower heel", "change"),
])
def test_plain_words_for_a_count_a_movement_and_a_cause(vocab: Vocabulary, text: str, trigger: str) -> None:
    assert trigger in [m.key for m in vocab.triggers(text, reader=True)]


@pytest.mark.parametrize(("q", "best"), [
    ("162 steps in a minute, knees sore, should I take smaller steps", {"1006"}),
    ("front of my leg below the knee aches on long runs", {"1062"}),
    ("pain inside my bum on long drives", PIRIFORMIS),
    ("started again after the holidays and my shins are sore", {"1069"}),
])
def test_plain_descriptions_find_their_post(demo: SearchIndex, q: str, best: set[str]) -> None:
    assert first(demo, q) in best


def test_a_body_part_inside_a_place_of_another_names_no_injury(vocab: Vocabulary) -> None:
    # "below the knee" says where on the shin: with a trigger it must not point to a knee injury.
    assert vocab.guess("front of my leg below the knee aches on long runs") is None


def test_a_hip_going_down_is_the_gluteus_medius_in_a_search_only(vocab: Vocabulary) -> None:
    assert "glute_med" in [m.key for m in vocab.find("my other hip goes down every step", reader=True)]
    assert "glute_med" not in [m.key for m in vocab.find("my other hip goes down every step")]


@pytest.mark.parametrize(("text", "flag"), [
    ("chest tight radiating into my arm on a tempo", "chest_to_arm"),
    ("cut on my shin has pus", "wound_infection"),
    ("can't keep fluids down after the marathon", "keeps_vomiting"),
    ("drank 4 litres in the race, now confused", "low_sodium"),
    ("sciatica and my foot keeps getting weaker", "back_weakness"),
    ("right calf thicker than the left and warm", "calf_clot"),
])
def test_red_flags_said_with_numbers_and_plain_words(vocab: Vocabulary, text: str, flag: str) -> None:
    assert flag in [f.key for f in vocab.red_flags(text)]


@pytest.mark.parametrize("text", [
    "out of breath on easy runs after a christmas break", "toes numb on long runs, shoes too small?",
    "threw up once after hard intervals, fine now", "how many litres should I drink in a marathon",
])
def test_fitness_lost_over_a_break_small_shoes_and_one_sick_stomach_are_not_flagged(vocab: Vocabulary,
                                                                                     text: str) -> None:
    assert vocab.red_flags(text) == []


@pytest.mark.parametrize(("q", "best"), [
    # a lower leg is the shin's; how the feet sound; a back leg that will not push off is the hip flexors
    ("both lower legs ache along the inner edge after my track sessions", {"1014", "1040"}),
    ("each stride feels like I'm hitting the brakes and my knees take it", {"1011"}),
    ("long days at a desk, front of my hips tight, my back leg won't stretch out behind me", HIP_FLEXORS),
    ("sprained my ankle in the spring and it still feels like it's about to give way on trails", {"1023"}),
])
def test_lower_legs_brakes_a_back_leg_and_the_next_sprain(demo: SearchIndex, q: str, best: set[str]) -> None:
    assert first(demo, q) in best


def test_a_concert_is_no_cancer(demo: SearchIndex) -> None:
    # The speller left everyday words alone, so no red flag is read from a "correction".
    result = demo.search(SearchRequest(q="sore bum cheek after sitting through my daughter's school concert"))
    assert result.red_flags == () and result.did_you_mean is None


@pytest.mark.parametrize(("text", "flag"), [
    ("my athlete was out for ten seconds after she fell at the 400m", "passed_out"),
    ("she can not pee properly and her back is killing her", "bladder_bowel"),
    ("had glandular fever last month, now a sharp pain under my ribs on the left when I run", "spleen"),
    ("still throwing up two hours after the hot marathon", "keeps_vomiting"),
    ("my teenage son walks with his foot turned out and his knee hurts", "child_limp"),
    ("one side of my face is hanging and my speech is strange after the run", "stroke"),
])
def test_red_flags_said_in_a_second_language_or_of_someone_else(vocab: Vocabulary, text: str, flag: str) -> None:
    assert flag in [f.key for f in vocab.red_flags(text)]


@pytest.mark.parametrize("text", [
    "I was out on my second run of the week when my calf tightened", "I can not breathe well in a long plank",
    "toes go numb on long runs but it goes when I make the laces loose",
])
def test_a_second_run_a_plank_and_loose_laces_are_not_flagged(vocab: Vocabulary, text: str) -> None:
    assert vocab.red_flags(text) == []


@pytest.mark.parametrize(("text", "flag"), [
    ("my heart rate stayed high after stopping and I felt faint", "racing_heart"),
    ("calf puffy a week after my knee op", "surgery_clot"),
    ("skin is hot and dry and I can't think straight after the hot 10k", "confusion"),
])
def test_a_heart_that_stays_high_a_leg_after_an_operation_and_heat_said_plainly(vocab: Vocabulary, text: str,
                                                                               flag: str) -> None:
    assert flag in [f.key for f in vocab.red_flags(text)]


@pytest.mark.parametrize("text", ["fingers tingle when I run with my arms bent at 90 degrees",
                                  "knee op last year, calf a bit swollen after long runs now"])
def test_bent_arms_and_an_old_operation_are_not_flagged(vocab: Vocabulary, text: str) -> None:
    assert vocab.red_flags(text) == []


def test_a_chest_pain_spreading_to_the_arm_is_flagged_whatever_the_reader_hopes(vocab: Vocabulary) -> None:
    # The reader's own harmless guess ("from my push-ups?") does not cancel a pain spreading to the arm.
    text = "chest pressure that spreads into my left arm on hills, is it just a strain from push-ups?"
    assert "chest_to_arm" in [f.key for f in vocab.red_flags(text)]


def test_an_asthma_attack_said_by_how_few_words_come_out(vocab: Vocabulary) -> None:
    assert "cant_get_breath" in [f.key for f in vocab.red_flags("wheezing so badly I can say a few words at a time")]


def test_a_kind_asked_for_beside_a_place_stays_on_the_place(demo: SearchIndex) -> None:
    # "stiff" asks for mobility work, "trail runs" is a trigger whose words reach every post: the
    # lumbar mobility post is off the hip's topic and comes after the posts on the outer hip (the
    # glute wake-up routine is one: clamshells, banded side steps, "a light burn on the sides").
    assert first(demo, "outside of my hip stiff after trail runs") in {"1068", "1007", "1055", "1059", "1042"}


@pytest.mark.parametrize(("text", "flagged"), [("bitten by a dog on my long run and the bite is getting red", True),
                                               ("a dog chased me on my run and I tweaked my hamstring", False)])
def test_an_animal_bite_is_flagged_and_a_chase_is_not(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert ("animal_bite" in [f.key for f in vocab.red_flags(text)]) is flagged


@pytest.mark.parametrize(("text", "trigger"), [("my back aches ten seconds into my plank", "planking"),
                                               ("hips sore after a two hour run", "long_run"),
                                               ("knee barely gets past the toes in a squat", "ankle_bend")])
def test_a_plank_held_a_long_run_by_its_length_and_a_knee_that_barely_passes_the_toes(
        vocab: Vocabulary, text: str, trigger: str) -> None:
    assert trigger in [m.key for m in vocab.triggers(text, reader=True)]


@pytest.mark.parametrize(("text", "flag"), [
    ("my daughter does gymnastics and her lower back hurts when she arches backwards", "young_back"),
    ("peeing blood after the marathon", "dark_urine"),
    ("im 12 and limping since my growth spurt, hip and knee ache", "child_limp"),
])
def test_a_young_athletes_back_blood_in_the_pee_and_a_growing_childs_limp(vocab: Vocabulary, text: str,
                                                                          flag: str) -> None:
    assert flag in [f.key for f in vocab.red_flags(text)]


@pytest.mark.parametrize(("text", "alone", "cause"), [
    ("pain under my kneecap on box jumps, took two weeks off and it came right back",
     "pain under my kneecap on box jumps since two weeks off", "comeback"),
    ("inner shin aches after runs, tried new shoes and it didn't help", "inner shin aches since new shoes", "change"),
])
def test_a_cause_tried_as_a_remedy_is_not_the_cause(vocab: Vocabulary, text: str, alone: str, cause: str) -> None:
    # What the reader tried and what did not help says what the pain is not; the same words alone
    # still name the cause.
    assert cause not in [m.key for m in vocab.triggers(text, reader=True)]
    assert cause in [m.key for m in vocab.triggers(alone, reader=True)]


def test_a_rest_that_did_not_help_leaves_the_injury_first(demo: SearchIndex) -> None:
    q = "pain right under my kneecap when I do box jumps, took two weeks off and it came right back"
    assert first(demo, q) == "1034"


@pytest.mark.parametrize(("text", "flag"), [
    ("on a statin and my muscles ache all over and feel weak", "statin_muscles"),
    ("my pee has gone brownish after the ultra and my thighs are killing me", "dark_urine"),
    ("felt a pop in my shoulder lifting my grandson and now I can't raise my arm", "shoulder_out"),
    ("groin bulge used to pop back in, now it won't", "hernia"),
    ("bulge in my groin is really sore and I'm throwing up", "hernia_sick"),
])
def test_a_statin_a_brownish_pee_an_arm_that_will_not_rise_and_a_hernia_said_plainly(vocab: Vocabulary, text: str,
                                                                                     flag: str) -> None:
    assert flag in [f.key for f in vocab.red_flags(text)]


@pytest.mark.parametrize("text", [
    "toes go a bit numb in my boots on long downhills, fine once I take them off",
    "chest muscles sore after doing wall push ups for the first time, hurts a bit to press on them",
])
def test_tight_boots_and_chest_muscles_after_push_ups_are_not_flagged(vocab: Vocabulary, text: str) -> None:
    assert vocab.red_flags(text) == []


@pytest.mark.parametrize(("text", "flag"), [
    ("my calf ballooned after the drive home and it's warm", "calf_clot"),
    ("awful headache, blurry vision and my hands and face went puffy overnight", "headache_sight_swelling"),
    ("my friend was acting drunk after the hot relay and his skin was burning", "confusion"),
    ("so hot out, threw up twice after the 10k and I still can't cool down", "cannot_cool_down"),
    ("went down on the ice, put a hand out, wrist is grinding now", "wrist_fracture"),
    ("on warfarin and went blind in one eye for a minute on my run", "headache_vision"),
])
def test_red_flags_said_through_comparisons_and_beside_a_condition(vocab: Vocabulary, text: str, flag: str) -> None:
    assert flag in [f.key for f in vocab.red_flags(text)]


@pytest.mark.parametrize("text", [
    "top of my foot aches where the laces squeeze after long runs, fine the next morning",
    "my 12 year old has a bony bump under his kneecap, I'm on blood thinners so I worry, what helps",
    "fell on a trail run last week on eliquis, scraped knee healing well, can I run",
    "quads sore after leg day, I take a statin, normal?",
    "how to stop sweat dripping in my eyes when running",
])
def test_laces_a_growing_bump_a_healing_graze_and_soreness_on_a_statin_are_not_flagged(vocab: Vocabulary,
                                                                                         text: str) -> None:
    assert vocab.red_flags(text) == []


def test_between_the_shoulder_blades_is_a_place_of_the_upper_back(vocab: Vocabulary, demo: SearchIndex) -> None:
    # The desk post says "the area between your shoulder blades starts to ache"; the chest openers
    # only squeeze the blades together.
    assert [p.key for p in vocab.places("a knot between my shoulder blades", reader=True)] == [
        "upper_back.between_blades"]
    assert first(demo, "knot between my shoulder blades by the end of a day on the computer") == "1043"


@pytest.mark.parametrize(("text", "trigger", "not_trigger"), [
    ("front of my hip pinches when I drive my knee up on hills", "knee_lift", "sitting"),
    ("shins ache and it feels like I'm braking on each step", "overstriding", None),
    ("upper traps sore, I shrug my shoulders the whole run", "shrugging", None),
])
def test_a_knee_driven_up_braking_felt_each_step_and_shoulders_shrugged(vocab: Vocabulary, text: str, trigger: str,
                                                                      not_trigger: str | None) -> None:
    found = [m.key for m in vocab.triggers(text, reader=True)]
    assert trigger in found and not_trigger not in found


def test_a_hip_flexor_that_pinches_as_the_knee_drives_up_is_not_a_car_drive(demo: SearchIndex) -> None:
    assert first(demo, "pinching in the crease of my hip when I drive my knee up, stretching doesn't help") == "1038"


@pytest.mark.parametrize(("text", "flag"), [
    ("my 10yr old is limping after cross country and his hip hurts", "child_limp"),
    ("runner fell on the ice and now won't move his arm at all", "fall_cannot_move"),
    ("one of my group is soaked and shivering and now mumbling and clumsy", "hypothermia"),
    ("finisher keeps wandering off and doesn't know where he is", "confusion"),
    ("heart suddenly jumped from 150 to 230 on my run, checked on the chest strap too", "heart_rhythm"),
    ("drank at every station in the marathon and now I have a bad headache and puffy hands", "low_sodium"),
    ("used my inhaler three times and no relief, can barely talk", "inhaler_no_relief"),
])
def test_red_flags_seen_by_marshals_and_read_off_a_watch(vocab: Vocabulary, text: str, flag: str) -> None:
    assert flag in [f.key for f in vocab.red_flags(text)]


@pytest.mark.parametrize("text", [
    "sore spot just under my kneecap that hurts when I hop",
    "watch says 200 but my chest strap said 150, is it cadence lock",
])
def test_a_hop_at_the_patellar_tendon_and_a_watch_the_strap_corrects_are_not_flagged(vocab: Vocabulary,
                                                                                     text: str) -> None:
    assert vocab.red_flags(text) == []


@pytest.mark.parametrize(("text", "flag"), [
    ("T6 spinal cord injury, pounding headache and flushed face mid race", "dysreflexia"),
    ("pee like dark tea after the ultra, quads rock hard", "dark_urine"),
    ("both legs getting weaker every day this week and my bladder is playing up", "bladder_bowel"),
    ("wheelchair racer, my forearm is swollen and bluish with veins standing out", "arm_clot"),
    ("eye in agony and everything blurry with halos around lights", "painful_eye"),
])
def test_red_flags_of_adaptive_athletes_and_travellers(vocab: Vocabulary, text: str, flag: str) -> None:
    assert flag in [f.key for f in vocab.red_flags(text)]


@pytest.mark.parametrize("text", [
    "my leg fell asleep on the plane and tingled when I stood up",
    "low back aches on the drive to the race, stretches for rest stops?",
    "forearms swollen and pumped after a hard push session, fades within minutes",
])
def test_a_leg_asleep_a_rest_stop_and_a_pump_that_fades_are_not_flagged(vocab: Vocabulary, text: str) -> None:
    assert vocab.red_flags(text) == []


@pytest.mark.parametrize("q", ["my low back aches when I do planks and my hips sink",
                               "low back hurts holding a plank for 30 seconds"])
def test_a_low_back_that_aches_in_a_plank_finds_the_front_plank_posts(demo: SearchIndex, q: str) -> None:
    # "The Plank, Done Properly" and "Plank Mistakes" say "the plank"; the side and Copenhagen
    # planks are other exercises on other body parts.
    assert first(demo, q) in {"1004", "1061"}


@pytest.mark.parametrize(("text", "flag"), [
    ("since the steroids I'm peeing all the time and so thirsty", "high_blood_sugar"),
    ("shingles on my forehead and now my eye is sore", "shingles_eye"),
])
def test_red_flags_after_an_illness(vocab: Vocabulary, text: str, flag: str) -> None:
    assert flag in [f.key for f in vocab.red_flags(text)]


def test_chest_muscles_sore_to_press_after_a_cough_are_not_a_bone(vocab: Vocabulary) -> None:
    assert vocab.red_flags("chest muscles sore from coughing, hurts to press on them") == []


@pytest.mark.parametrize(("text", "flag"), [
    ("twisted my foot on a trail, bruised underneath and I can't weight bear on it", "cannot_bear_weight"),
    ("calf cramps after walking a few hundred yards every time, goes off when I stop", "poor_circulation"),
    ("my left eye went dark for a few minutes on my run", "headache_vision"),
    ("my granddaughter has been limping for a fortnight and her hip aches", "child_limp"),
])
def test_red_flags_said_with_the_readers_own_diagnosis_and_in_midlife(vocab: Vocabulary, text: str,
                                                                       flag: str) -> None:
    assert flag in [f.key for f in vocab.red_flags(text)]


def test_both_calves_sore_after_a_race_are_not_a_clot_whatever_the_reader_fears(vocab: Vocabulary) -> None:
    text = "both calves sore since the hilly 10k, easing once I walk around, could it be a blood clot?"
    assert vocab.red_flags(text) == []


def test_feet_stared_at_on_a_climb_are_where_the_eyes_go_not_a_foot_that_hurts(demo: SearchIndex) -> None:
    q = "legs give out halfway up the hill and I'm looking down at my feet, what's wrong with my form"
    assert first(demo, q) == "1051"


@pytest.mark.parametrize(("text", "flagged"), [
    ("calves both sore after a hilly half, is this a DVT?? so scared", False),
    ("quads wrecked after my first spin class, is it rhabdo or just DOMS", False),
    ("felt fine after a cold shower, did I have heat stroke??", False),
    ("my doctor says I have a DVT in my left calf, can I still run", True),
    ("could this be a stress fracture? one spot on my shin hurts to hop and it's worse every run", True),
])
def test_a_condition_the_reader_only_fears_is_not_flagged_by_its_name(vocab: Vocabulary, text: str,
                                                                      flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("q", "right"), [
    # The plank described, not named: the posts on doing it.
    ("propped on my elbows for a minute and my lower back starts to ache", {"1004", "1061"}),
    # Lighter steps are a higher cadence.
    ("how do I take lighter steps so I stop pounding the pavement", {"1006", "1056"}),
])
def test_an_exercise_or_a_cadence_described_in_other_words(demo: SearchIndex, q: str, right: set[str]) -> None:
    assert first(demo, q) in right


@pytest.mark.parametrize(("text", "flag"), [
    ("couldn't catch my breath on the sofa last night and it hurts when I breathe in", "lung_clot"),
    ("out in a wind chill of minus 20, two fingertips went white and waxy and now have blisters", "frostbite"),
    ("ate a cereal bar mid run and my lips and face are swelling, my throat feels tight", "swelling_and_breathing"),
    ("poo was black like tar after a week of painkillers for my knee", "bleeding"),
    ("after my winter run my right foot went white and stayed that way, the left is normal", "cold_foot_stays"),
])
def test_red_flags_said_with_the_weather_around_them(vocab: Vocabulary, text: str, flag: str) -> None:
    assert flag in [f.key for f in vocab.red_flags(text)]


@pytest.mark.parametrize("text", [
    "toes went white in the snow but warmed up fine in the shower",
    "my partner's toes tingle on long runs until he loosens his laces and it goes",
    "sore thighs after the race, can barely buckle my kid into the car",
    "can't stand on one leg for more than ten seconds, is my balance that bad",
    "hobbling like a penguin the day after the marathon, stairs are awful",
])
def test_ordinary_things_said_with_alarming_words_are_not_flagged(vocab: Vocabulary, text: str) -> None:
    assert vocab.red_flags(text) == []


@pytest.mark.parametrize(("text", "flagged"), [
    ("three weeks after my knee op the scar is red and hot and there's yellow stuff on the plaster", True),
    ("a week after giving birth: headache all day, flashing spots, and my face has swollen", True),
    ("ten days after my hip op I suddenly can't catch my breath and it hurts a bit to breathe in", True),
    ("wide awake at midnight after an evening tempo run, can't sleep, legs restless", False),
    ("back running after glandular fever and my legs feel heavy", False),
    ("popped the blister on the back of my heel, is it ok to run", False),
    ("sock marks on both ankles after a hot long run, a bit puffy, gone by the next morning", False),
])
def test_coming_back_after_an_operation_a_birth_or_an_illness(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "flagged"), [
    ("after the 50k my left foot slaps down on the road and I can't lift the front of it", True),
    ("haven't peed since I finished the 100 miler yesterday afternoon", True),
    ("cut my knee on a rock descending and it won't stop bleeding even with my buff pressed on it", True),
    ("on the night section something bit my calf, two small puncture marks and it's swelling", True),
    ("blinding headache at the top of the pass, worst I've ever had, came on in seconds", True),
    ("peeing pinkish after the stage race, no pain", True),
    ("my calf cramps after a few minutes of power hiking and lets go when I stand still", True),
    ("thumbs numb from gripping my poles all day, feeling came back by the next day", False),
    ("quads so sore I can't walk down the stairs after the mountain race", False),
    ("tickly cough after the dusty stage, no fever", False),
])
def test_red_flags_in_ultra_and_trail_race_reports(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


# (Left: with "my lower back" said too, a long question still puts the low-back posts first.)
@pytest.mark.parametrize("q", ["core exercise lowering arm and leg on my back, my back arches off the floor",
                               "lying on my back moving my legs and I feel it in my hip flexors not my abs"])
def test_the_dead_bug_described_finds_the_dead_bug_posts(demo: SearchIndex, q: str) -> None:
    assert first(demo, q) in {"1010", "1047"}


def test_an_everyday_word_near_a_symptom_is_not_corrected_into_one(demo: SearchIndex) -> None:
    # "tickly" is one edit pair from "tingly": the vocabulary knows it, so the speller leaves it.
    assert demo.search(SearchRequest(q="tickly cough after a dusty trail race, no fever")).red_flags == ()


@pytest.mark.parametrize(("text", "flagged"), [
    ("33 weeks and a trickle of clear watery stuff since this morning", True),
    ("29 weeks, baby's been quiet all day after my jog", True),
    ("my 4yo won't stand on his left leg and has a temp", True),
    ("stopped breastfeeding last year and my periods never came back, now my shin aches in one spot", True),
    ("my son is weeing loads and always thirsty, got thinner too", True),
    ("arm went dead with the baby asleep on it, pins and needles went straight away", False),
    ("32 weeks, ankles puffy in the evening, blood pressure fine at my check", False),
])
def test_red_flags_of_parents_who_run(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_words_around_a_place_do_not_lift_a_post_on_another_body_part(demo: SearchIndex) -> None:
    # "squat down in the gym" reaches the knee posts' words; the front of the ankle is the place.
    assert first(demo, "front of my ankle feels pinchy when I squat down in the gym") == "1019"


def test_my_middle_made_stronger_is_the_core(demo: SearchIndex) -> None:
    assert first(demo, "a gentle way to strengthen my middle for running without hurting my back") in {
        "1004", "1010", "1021", "1030", "1047", "1061", "1071"}


@pytest.mark.parametrize(("text", "flagged"), [
    ("my knee clicks on the stairs but it doesn't hurt, swell or lock", False),
    ("no pain, but my calf is swollen and hot since the flight", True),
    ("compared to the other runners in my club my legs are always sore", False),
    ("sudden tearing pain between my shoulder blades on my run, felt clammy", True),
    ("a tearing pain in my calf mid-sprint, like I was shot", False),
    ("flew home on sunday and now a sharp pain in my side when I breathe in", True),
    ("sat down after my run and suddenly couldn't get my breath, heart racing", True),
])
def test_red_flags_of_run_commuters_and_lists_denied(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "flagged"), [
    # a harmless cause the reader denies explains nothing; one said further off still does
    ("no beetroot, nothing weird eaten, and my pee is brown like cola after the hill session", True),
    ("dropped 4kg without trying since upping my mileage, that's fine right", False),
    ("had a beetroot shot before parkrun and my wee went pink, no pain", False),
    ("the pee has been pinky red after my last three long runs and it doesn't sting", True),
    ("bum numb on the spin bike saddle, fine as soon as I get off", False),
    ("tingling down my little finger after I hit my funny bone on the door", False),
    ("quads destroyed after the fell race, stairs are the enemy, can't walk properly", False),
    ("calf is fat and warm after the drive back from the marathon, sock leaves a dent", True),
    ("lost half the sight in my left eye mid-run for a few minutes", True),
    ("my mate stopped shivering after the cold rain and is mumbling and clumsy", True),
    ("calf cramps up every time I walk a few hundred metres uphill, fine after standing for a minute", True),
])
def test_red_flags_of_workers_on_holiday_and_with_dogs(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "flagged"), [
    ("been on prednisolone for years, jolted my back stepping off a kerb and there's a sharp pain", True),
    ("next thing I'm on the floor at the finish with a medic over me", True),
    ("on insulin, wasn't making any sense at mile 10 according to my friend", True),
    ("suddenly can't get a breath in on an easy jog and it's sharp when I breathe in", True),
    ("one of my boys is swollen after a jump at the wall and I feel sick", True),
    ("lightheaded after a fasted run, fine once I have a gel", False),
    ("hands went numb in the ice bath, warmed up in the car", False),
    ("pins and needles after sitting on the toilet too long, gone in a minute", False),
    ("heel hurts first thing, is the ball rolling thing worth it or do I see a podiatrist", False),
    ("feet puff up on hot long runs, sausage toes, back to normal an hour later", False),
])
def test_red_flags_said_with_medicines_hashtags_and_logs(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_a_harmless_cause_is_denied_only_by_the_word_right_before_it(vocab: Vocabulary) -> None:
    assert vocab.red_flags("not beetroot, I promise: dark cola pee and swollen thighs after the crossfit comp")
    assert not vocab.red_flags("3kg lost without trying since upping mileage")


@pytest.mark.parametrize(("text", "taken"), [
    ("thought it was my achilles but the pain is lower down", "thought it was my achilles"),
    ("blamed my knees, it's actually my shins that ache", "blamed my knees"),
    ("figured it was a pulled hamstring, turns out it's my back", "figured it was a pulled hamstring"),
])
def test_a_guess_the_reader_takes_back_is_found(vocab: Vocabulary, text: str, taken: str) -> None:
    assert [m.surface for m in vocab.taken_back(text)] == [taken]


@pytest.mark.parametrize("text", ["I thought my knee would hold up and it did", "thought about stretching my calves",
                                  "blamed the new shoes for months"])
def test_a_thought_not_corrected_is_not_taken_back(vocab: Vocabulary, text: str) -> None:
    assert vocab.taken_back(text) == []


def test_a_body_part_taken_back_is_not_searched_and_points_to_no_injury(demo: SearchIndex, vocab: Vocabulary) -> None:
    # The reader's hip drops: the glute posts, not the IT band posts the guess alone would find.
    assert first(demo, "I was sure it was my IT band, but video shows one hip dropping each stride") in {
        "1007", "1068", "1042", "1055"}
    assert first(demo, "my IT band, video shows one hip dropping each stride") in IT_BAND | ITBS
    assert vocab.guess("figured it was plantar fasciitis but it's the top of my foot that hurts") is None


def test_the_front_of_the_hip_is_the_hip_flexors(vocab: Vocabulary, demo: SearchIndex) -> None:
    assert [p.key for p in vocab.places("the front of my hips ache")] == ["hip_flexors.front"]
    assert first(demo, "the front of my hips feel stiff once I've been at my desk all day") in HIP_FLEXORS


def test_heavy_legs_and_how_many_days_a_week_find_the_rest_day_post(demo: SearchIndex) -> None:
    assert first(demo, "new to running, how many days a week is ok? my legs are heavy every run") == "1036"


def test_a_forefoot_landing_is_a_change_of_footstrike(vocab: Vocabulary) -> None:
    assert "footstrike" in {m.key for m in vocab.triggers("since trying a forefoot landing my calves are shot")}


def test_the_words_of_a_guess_taken_back_are_not_searched(vocab: Vocabulary) -> None:
    tokens = plan("thought it was my shins but it's the front of my ankle when I squat", vocab).tokens
    assert [t.text for t in tokens if t.kind == "taken_back"] == ["thought it was my shins"]
    assert ("place", "ankle.front") in [(t.kind, t.key) for t in tokens]
    assert "shin" not in {t.key for t in tokens if t.kind == "concept"}


def test_planks_said_in_the_plural_or_by_their_length_are_planking(vocab: Vocabulary, demo: SearchIndex) -> None:
    assert "planking" in {m.key for m in vocab.triggers("my hips sag in planks", reader=True)}
    # The plank posts, not the side plank post whose title says "Hip".
    assert first(demo, "my son's hips sag in planks") in {"1004", "1061"}


def test_a_triggers_vague_word_does_not_reach_posts_on_its_own(demo: SearchIndex) -> None:
    # "hunched up": the shoulders' post, not *Wake Up Your Glutes* by its "Up".
    assert first(demo, "shoulders creep hunched up toward my ears in the last miles of a half") == "1065"


@pytest.mark.parametrize(("text", "flagged"), [
    ("sliced my thumb on a tin lid and now I can't bend the tip of it", True),
    ("felt something rip at the front of my hip on a sprint start, now I can't lift my leg", True),
    ("dropped a paving slab on my foot, bruising on the sole and I can't push off", True),
    ("my daughter has bruises she doesn't remember getting and her bones ache, tired all the time", True),
    ("my 10 yo keeps limping on and off and can't sit cross legged", True),
    ("sudden pain in his privates at football and he's been sick", True),
    ("stone bruise under my foot after stepping on a rock on the trail", False),
    ("hands buzz after an hour with the strimmer, gone after ten minutes", False),
    ("legs went weak when I bonked at 30k, a gel sorted it", False),
    ("heels ache after football, I'm 11, better when I rest", False),
    ("my legs have gone weak in my sixties, what strength work helps", False),
])
def test_red_flags_of_kids_households_and_fuelling(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_a_band_to_pull_against_is_the_strength_kind_not_the_it_band(vocab: Vocabulary) -> None:
    tokens = plan("side steps with a loop band, feel it in my thighs not my bum", vocab).tokens
    assert ("intent", "strengthening") in [(t.kind, t.key) for t in tokens]
    assert ("concept", "it_band") in [(t.kind, t.key) for t in plan("tight IT band", vocab).tokens]


def test_bent_over_late_in_a_run_finds_the_posture_post(demo: SearchIndex) -> None:
    assert first(demo, "68, by the end of my parkrun I'm bent over, how do I stay upright") == "1033"


def test_roll_it_out_is_foam_rolling_not_a_rolled_ankle(vocab: Vocabulary) -> None:
    tokens = plan("sore arches, want to roll it out", vocab).tokens
    assert ("intent", "self_massage") in [(t.kind, t.key) for t in tokens]


def test_a_guess_taken_back_with_my_points_to_no_injury(vocab: Vocabulary) -> None:
    # "thought my ..." read as written (a reader's possessive is otherwise read as "the"): the arch
    # and plantar fasciitis are taken back, so nothing points to it.
    assert vocab.guess("thought my arch pain was plantar fasciitis but the tightness is really in my calves") is None
    assert vocab.guess("my arch pain is plantar fasciitis and the tightness is really in my calves") is not None


# -- a hundred-and-third to a hundred-and-tenth set: places no post says, instructions, typos, vague words --

FOOT_POSTS = {"1009", "1037", "1050", "1044", "1025", "1019", "1023"}


def test_a_place_no_post_says_finds_its_body_parts_posts(demo: SearchIndex) -> None:
    # No demo post says "the top of the foot": the foot's posts, not a post with "top" and "foot"
    # somewhere in its instructions.
    assert first(demo, "throbbing across the top of my foot after parkrun") in FOOT_POSTS


def test_a_body_part_in_an_exercise_instruction_is_no_place(vocab: Vocabulary) -> None:
    told = analyse_post(make_post(body="Lie on your side, turn your top toes slightly down and lift your top knee."),
                        vocab)
    assert "foot.top" not in told.places["body"] and "knee.top" not in told.places["body"]
    # A joiner or a preposition before the body part is the place's: where it hurts.
    hurts = analyse_post(make_post(body="Lunges can be tough on the outer knee, and pain behind the kneecap "
                                        "is common."), vocab)
    assert "knee.outside" in hurts.places["body"]
    # The knee of the leg in front in a stretch is no place on the knee.
    stretch = analyse_post(make_post(body="Pigeon pose can be tough on the front knee."), vocab)
    assert "knee.front" not in stretch.places["body"]


def test_a_typo_that_hid_what_a_long_search_is_about_is_searched_corrected(demo: SearchIndex) -> None:
    result = demo.search(SearchRequest(q="hamstirng pulled at the track last week and sitting in the car is still "
                                         "uncomfortable, when can I run again"))
    assert any(n.startswith("showing results for hamstring pulled") for n in result.notices)
    assert result.hits[0].id == "1013"


def test_arches_that_ache_after_runs_point_to_no_injury(vocab: Vocabulary) -> None:
    assert vocab.guess("arches ache and feel flat by the end of my long run") is None
    guess = vocab.guess("stabbing under my heel with the first steps out of bed")
    assert guess is not None and guess.injury == "plantar_fasciitis"


@pytest.mark.parametrize("text", ["hamstrings like piano wire after the track", "calves rock hard every morning"])
def test_tight_said_as_what_it_feels_like_asks_for_stretches(vocab: Vocabulary, text: str) -> None:
    assert ("intent", "stretch") in [(t.kind, t.key) for t in plan(text, vocab).tokens]


@pytest.mark.parametrize("text", ["stretching isnt fixin my tight calves", "stretching is not enough for my calves"])
def test_a_kind_said_not_to_work_in_lay_words_is_turned_down(vocab: Vocabulary, text: str) -> None:
    assert ("turned_down", "stretch") in [(t.kind, t.key) for t in plan(text, vocab).tokens]


def test_a_vague_word_beside_a_body_part_does_not_find_posts_by_itself(demo: SearchIndex) -> None:
    # "day" tells the story (a day of meetings), not the post with "Days" in its title.
    assert first(demo, "the fronts of my hips feel short and tight after a whole day of meetings") in HIP_FLEXORS


def test_the_knee_barely_past_the_toes_is_how_far_the_ankle_bends(vocab: Vocabulary) -> None:
    tokens = plan("my knee barely gets past my toes in a lunge", vocab).tokens
    assert ("trigger", "ankle_bend") in [(t.kind, t.key) for t in tokens]


@pytest.mark.parametrize(("text", "flagged"), [
    ("since two days my leg have no force and i nearly fall on the stairs", True),
    ("could not get my breath while sitting watching telly, six weeks after my hip operation", True),
    ("went over the handlebars, belly sore and now the tip of my left shoulder aches", True),
    ("the hospital is watching my aneurysm and I got a sudden ache in my back on today's jog", True),
    ("grandad walks ten minutes, his calf cramps, he stands a bit and then it comes back", True),
    ("pain under her shoulder blade and an achy jaw when she runs, gone when she stops", True),
    ("my dad had an aneurysm, is running safe for me?", False),
    ("can't breathe on the hills, how do I get fitter", False),
    ("numb bits from the saddle on my brick session, fine twenty minutes off the bike", False),
    ("legs hot and puffy after leg day, down again an hour later", False),
    ("the bruise on my shin is turning yellow, fine to run?", False),
    ("legs like jelly after the session, went away after I ate and chilled out", False),
    ("chest sore to press after heavy bench, only on my pecs", False),
])
def test_red_flags_said_by_lifters_elders_coaches_and_in_other_languages(vocab: Vocabulary, text: str,
                                                                        flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


# -- a hundred-and-fifteenth to a hundred-and-twenty-fourth set: counts, plank faults, turning round,
# the hip that dips, the leg that will not reach back, the dead bug described, lay red flags --

CORE_PLANKS, DEAD_BUGS, THORACIC, GLUTE_MED = {"1004", "1061"}, {"1010", "1047"}, "1026", {"1007", "1068"}


def test_a_bare_count_is_not_a_word_every_post_must_have(demo: SearchIndex) -> None:
    # "90" tells no post from another: the plank posts, not a post that happens to count to 90.
    assert first(demo, "90 second planks leave my lower back aching") in CORE_PLANKS


@pytest.mark.parametrize("text", ["my hips droop toward the ground when I hold a plank",
                                  "up on my forearms for a minute and my bum sags, back aches after"])
def test_a_plank_said_by_its_faults_finds_the_plank_posts(demo: SearchIndex, text: str) -> None:
    assert first(demo, text) in CORE_PLANKS


@pytest.mark.parametrize("text", ["stiff between the shoulders, can't look over my shoulder to reverse park",
                                  "my middle back won't twist when I run and feels welded"])
def test_turning_the_trunk_round_finds_the_rotation_post(demo: SearchIndex, text: str) -> None:
    assert first(demo, text) == THORACIC


def test_a_hip_that_dips_is_the_gluteus_medius_not_the_side_plank_exercise(vocab: Vocabulary,
                                                                          demo: SearchIndex) -> None:
    assert "glute_med" in {t.key for t in plan("one hip dips each time I land", vocab).tokens}
    assert first(demo, "my clubmate says one hip dips each time I land") in GLUTE_MED


@pytest.mark.parametrize(("text", "trigger"), [
    ("tight hip flexors, my leg wont reach back properly on the run", "leg_behind"),
    ("knee lift dies on the last lap of the mile", "knee_drive"),
    ("on video my right foot lands further out in front than the left", "overstriding"),
    ("my lower back peels off the mat when I lower an arm and leg", "dead_bugs"),
])
def test_lay_wordings_of_a_way_of_moving_are_its_trigger(vocab: Vocabulary, text: str, trigger: str) -> None:
    assert trigger in {m.key for m in vocab.triggers(text, reader=True)}


def test_a_dead_bug_described_finds_the_dead_bug_posts(demo: SearchIndex) -> None:
    assert first(demo, "when I lower an arm and leg on my back my lower back peels off the mat") in DEAD_BUGS


@pytest.mark.parametrize(("text", "flagged"), [
    ("had a stent fitted, squeezing across the chest into my jaw on the hill, went once I walked", True),
    ("type 1, sugar stuck at 25 after the long run and I keep being sick", True),
    ("my husband had bowel cancer two years ago and now he's got back pain that wakes him", True),
    ("new headache at my temples and my scalp is tender when I comb my hair", True),
    ("lips and tongue puffed up after the run and it's hard to swallow", True),
    ("my daughter hasn't had a period this year and her shin keeps hurting", True),
    ("slipped on the trail, can't take more than a few steps and the ankle bone is agony", True),
    ("came off the bike, sore neck and now my hands are tingly", True),
    ("dizzy and sweaty at parkrun after a big night, hungover, fine after water", False),
    ("arm tingles under my phone armband, gone once I take it off", False),
    ("toes went numb in the race, loosened my laces at the aid station and they came back", False),
    ("popped the blister with a pin, bit sore, ok to run?", False),
    ("coach says I keep my knees locked on calf raises", False),
    ("my feet flop down noisily when I'm tired", False),
    ("osteoporosis, thighs ache the day after a longer run, feels like muscles not bone", False),
    ("the metronome app ticking away, calves ache after the drill", False),
])
def test_red_flags_said_second_hand_with_other_conditions_and_in_race_stories(vocab: Vocabulary, text: str,
                                                                            flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_touching_the_toes_is_the_hamstrings(vocab: Vocabulary, demo: SearchIndex) -> None:
    assert "hamstrings" in {t.key for t in plan("I can't touch my toes any more", vocab).tokens}
    assert first(demo, "can't touch my toes with straight legs, what should I stretch") == "1031"


@pytest.mark.parametrize(("text", "best"), [
    ("down on hands and knees reaching opposite arm and leg, I wobble", {"1021", "1067"}),
    ("which exercise for my lower back is the hands and knees reach with the opposite arm and leg", {"1021", "1067"}),
    ("rotating my ankles before a run, they click", {"1064"}),
    ("half kneeling stretch for the front of the hip, how long to hold", {"1008", "1052"}),
])
def test_an_exercise_described_finds_its_post(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


def test_a_joint_that_feels_old_asks_for_mobility(vocab: Vocabulary) -> None:
    tokens = plan("my hips feel creaky on the first mile", vocab).tokens
    assert ("intent", "mobility") in [(t.kind, t.key) for t in tokens]


def test_holding_planks_is_planking(vocab: Vocabulary) -> None:
    assert "planking" in {m.key for m in vocab.triggers("holding planks makes my back ache", reader=True)}


@pytest.mark.parametrize(("text", "flagged"), [
    ("my replaced knee is red and swollen and I feel fluey", True),
    ("whites of my eyes look yellowish and I'm wiped out", True),
    ("a monkey scratched my hand on the temple run in Bali", True),
    ("crashed my bike, cracked my helmet, headache getting worse", True),
    ("came off at the roundabout, there's a bump sticking up on my collarbone", True),
    ("hand numb and weak for days even off the bike", True),
    ("adder bit me on the ankle and the swelling is spreading", True),
    ("my bladder feels like it's bursting and I can't wee since I hurt my back", True),
    ("red hot painful patch on my boob with a temperature, still run?", True),
    ("heaviness down below and a bulge when I wipe, worse every run", True),
    ("have not slept in 3 days, thoughts racing, hearing things", True),
    ("new knee feels warm after the parkrun, normal?", False),
    ("the cat scratched me when I tied my laces", False),
    ("saw an adder on the path, it slithered off", False),
    ("dizzy after the spinning teacups at the fair with the kids", False),
    ("chafed nipples bleeding after the marathon", False),
    ("my pee is pink after a big beetroot salad", False),
    ("used to fly up the hills, now out of breath, unfit?", False),
    ("my hips feel locked after sitting, kneeling lunge helps", False),
    ("sat on my foot and it went dead for a minute then fine", False),
])
def test_red_flags_in_healthcare_shifts_new_parenthood_travel_and_the_hills(vocab: Vocabulary, text: str,
                                                                          flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "flagged"), [
    ("really bad back after lifting and I couldn't hold my bowels", True),
    ("fell off a ladder, about 3 metres, back's a bit sore, jog it off?", True),
    ("little one has had back pain for weeks and moves stiffly in PE, 9 year old", True),
    ("pupil has a headache, can't bend her neck and the light hurts", True),
    ("sprinting at sports day felt something ping at the front of his hip bone, can barely lift the leg", True),
    ("she's had 4 puffs of her inhaler and can only get a few words out", True),
    ("type 1 lad went pale and shaky on the run and now he's muddled", True),
    ("knocked onto my side off the quad bike, every breath hurts", True),
    ("blood in my piss after the long run, no pain", True),
    ("dizzy after the breath of fire in yoga, fine once I breathe normally", False),
    ("foot falls asleep in lotus, back to normal when I unfold it", False),
    ("legs go tingly in legs up the wall, gone when I lower them", False),
    ("foot goes to sleep sat on the tractor, fine once I walk about", False),
    ("massive calf cramp in the night after a hot race, fine now", False),
])
def test_red_flags_of_class_goers_outdoor_workers_and_teachers(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    ("my mid back doesn't turn with my arms when I run", {THORACIC}),
    ("arm and leg reaches on all fours are easy now, what next", {"1021", "1067"}),
    ("counted my steps today and it was only 160, how to raise it", {"1006", "1056"}),
])
def test_turning_reaching_and_counting_said_plainly(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "best"), [
    ("can't feel my glutes when I run, my back does everything", {"1042"}),
    ("I shuffle along with long plodding steps, should I take more shorter steps", {"1006", "1056"}),
    ("ache at the top of my thigh where my leg joins my body on long runs", HIP_FLEXORS),
])
def test_muscles_that_do_not_work_steps_and_the_hip_crease_said_plainly(demo: SearchIndex, text: str,
                                                                        best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    ("ball to the crown jewels at training, still swollen and agony hours later", True),
    ("dead leg from a knee, thigh swelled hard and I can't bend my knee, worse each day", True),
    ("don't remember the game after the clash, still foggy", True),
    ("bottom right of my belly hurts, feel sick and hot, worse when I run", True),
    ("blister went red and the red is creeping up my leg", True),
    ("one eyelid is droopy and one pupil looks smaller since sparring", True),
    ("my kneecap slid off to the side in class and went back in", True),
    ("took a head kick, headache getting worse and I keep losing my words", True),
    ("bruised my hip bone on the mats, walking and running fine", False),
    ("dizzy after pirouettes, settles with better spotting", False),
    ("toes a bit numb after pointe class, next morning fine", False),
    ("studs raked my shin, grazed with a lump, can walk and jog fine", False),
    ("ankle over knee stretch sends a tingle down my leg, am I pulling too hard", False),
])
def test_red_flags_of_dancers_soldiers_and_footballers(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    ("can't prop myself up on my side for more than ten seconds", {"1016", "1055"}),
    ("what standing core work with a band stops my body twisting on runs", {"1030"}),
    ("lower my arm and the opposite leg and my lower back arches off the mat, how do I stop it", {"1010", "1047"}),
    ("planks make my low back sag after thirty seconds", {"1004", "1061"}),
    ("foot thumps down ahead of me on every stride", {"1011"}),
    ("only feel hip thrusts in my hamstrings, never in my bum", {"1024"}),
    ("how do I get my glutes firing before a tempo run", {"1042"}),
])
def test_exercises_described_and_how_they_go_wrong(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


def test_a_leg_that_will_not_swing_back_is_the_hip_flexors(demo: SearchIndex) -> None:
    assert first(demo, "my leg won't swing back behind me since I started working from home") in HIP_FLEXORS


@pytest.mark.parametrize(("text", "flagged"), [
    # "can't ... without" says it happens every time: no denial
    ("can't point my toes up without my calf hurting, it's hot and swollen", True),
    ("calf is swollen without any pain or redness after the marathon", False),
    ("keep fainting on climbs, chest tight, doesn't ease when I rest", True),
    ("stood on a rusty nail last week and now my jaw feels stiff", True),
    ("can't tell when I need to wee since my back went", True),
    ("woke up on the road after the 10k finish, no idea what happened", True),
    ("shoulders numb from the rucksack straps, fine once the pack is off", False),
    ("numb fingers on the bike in winter, warm up fine at the cafe", False),
    ("cheeks bright red after the session, fine after some water", False),
    ("heard a snap, it was my shoelace, all good", False),
    ("clonked my shin on the trailer, bruised, getting better", False),
    ("sideways hopping drills between cones, groin a bit tight", False),
    ("hobble on my heel in the morning until it loosens up", False),
])
def test_red_flags_of_hikers_cyclists_gardeners_and_sprinters(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    ("eight weeks without running after my wrist op, how quickly can I build my mileage back", {"1069"}),
    ("my lower back lifts off the mat when I lower a leg, lying face up", {"1010", "1047"}),
    ("looking for a core move that's easy on my spine, back's been grumpy", {"1021"}),
    ("I've been running every day for a month, should I take days off", {"1036"}),
    ("my feet land like a stomp on the road, how do I land softer", {"1011"}),
    ("started running to a beat on my phone and now my calves ache", {"1056", "1006"}),
])
def test_breaks_rest_gentle_core_and_landing_said_plainly(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    ("calm swollen and red since the long flight home", True),
    ("sickle cell trait and my legs gave out in the conditioning session", True),
    ("coughing up pink frothy stuff at 4500m on the trek", True),
    ("out of nowhere I couldn't get my breath sitting on the couch", True),
    ("my 5 year old won't put weight on her leg this morning", True),
    ("fell with my pack on, there's a step in my collarbone now", True),
    ("fingertips went white and waxy ice climbing, now blisters", True),
    ("can't walk properly because of blisters on my heels after the hike", False),
    ("legs like a baby giraffe after the 400s, stairs are rough", False),
    ("bum numb on the bus rides to meets, fine once I stand up", False),
    ("bit dizzy after tumble turns at the pool, gone in a minute", False),
    ("jellyfish sting with itchy welts, vinegar helped", False),
    ("night sweats in the heatwave, the bedroom is boiling", False),
    ("ski boots leave my ankles feeling locked", False),
    # weakness is a nerve's strength: a hope that it was slept on does not explain it
    ("pins and needles down my arm and my grip is weak, did I sleep on it funny?", True),
    ("forearms pumped after bouldering, fingers a bit tingly and my grip is garbage", False),
])
def test_red_flags_of_office_workers_climbers_swimmers_pilgrims_and_firefighters(vocab: Vocabulary, text: str,
                                                                              flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "aside"), [
    ("never mind my shins, the arch of my foot collapses on long runs", "never mind my shins"),
    ("forget about the hamstrings, my neck gets stiff on long runs", "forget about the hamstrings"),
    ("my back tightens a bit but that's secondary, the outside of my knee aches downhill",
     "my back tightens a bit but that secondary"),
    ("feet ache too but the bigger deal is my hip flexors after sitting", "feet ache too but the bigger deal is"),
])
def test_what_a_reader_sets_aside_is_found(vocab: Vocabulary, text: str, aside: str) -> None:
    assert [m.surface for m in vocab.taken_back(text)] == [aside]


@pytest.mark.parametrize("text", [
    # a bare "fine" is a condition, and a story carries on past it
    "walking up stairs is fine, but going down hurts the front of my knee",
    "my knee felt fine, then it went sharp on the outside at mile 5",
    "whatever I do my calves are tight",
])
def test_a_condition_or_a_story_sets_nothing_aside(vocab: Vocabulary, text: str) -> None:
    assert vocab.taken_back(text) == []


@pytest.mark.parametrize(("text", "best"), [
    ("never mind my shins, the arch of my foot collapses and I want stronger feet", {"1037"}),
    ("forget about the hamstrings, my neck gets stiff on long runs", {"1063"}),
    ("feet ache too but the bigger deal is the front of my hips after sitting all day", HIP_FLEXORS),
    # a dead bug described, however short
    ("lowering opp arm and leg while lying face up, how do I make it harder", {"1047", "1010"}),
    ("the on my back one with arms up, what's a harder version", {"1047", "1010"}),
    # leggings are no leg
    ("my leggings waistband digs into my lower back on long runs", {"1032", "1041"}),
])
def test_asides_and_exercises_described_find_the_main_point(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    ("pulsating feeling in my tummy and a sudden pain going into my back on the run, I'm 71", True),
    ("my belly felt pulsing during the stitch on the hill, gone once I slowed", False),
    ("pee had blood in it after the track session and it's still pink today", True),
    ("both ankles swelling up and I need extra pillows at night or I can't get my breath", True),
    ("grandad, 78, went over on the kerb and now says his hip won't let him stand", True),
    ("fell off the ladder onto my ribs and can't catch my breath, getting harder to breathe", True),
    ("my mate was talking utter nonsense at mile 20 and staggering about in the heat", True),
    ("my sciatica has spread to both legs and both legs feel weak now", True),
    ("toes went numb in my new racing flats and the feeling came back by lunchtime", False),
    ("pins and needles in my feet after the long drive, gone as soon as I walk about", False),
    ("knees feel warm after intervals, cools down after a shower, no swelling", False),
    ("a tearing feeling under my arch with the first steps of the day", False),
    ("chest stings breathing icy air on the morning run, fine indoors", False),
    ("couldn't walk properly the day after the half, everything aches", False),
])
def test_red_flags_of_musicians_fasting_older_men_trades_and_charity_runners(vocab: Vocabulary, text: str,
                                                                            flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # an exercise grown too easy: its harder versions
    ("side planks are too easy now, what are the harder versions", {"1055"}),
    # a short stride is the hip flexors
    ("my stride is short and choppy after a day in the car", HIP_FLEXORS),
    # a foot landing "miles" ahead is overstriding, not a distance
    ("my foot lands miles ahead of me with my knee locked straight", {"1011"}),
])
def test_harder_versions_a_short_stride_and_a_foot_far_ahead(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    ("4 months postpartum, breastfeeding, deep ache in my pubic bone and I limp after runs", True),
    ("postpartum and my hip is tight after sitting feeding the baby", False),
    ("left my gloves off at the summit, fingertips white and waxy, today blisters", True),
    ("calf cramps after five minutes pushing the pram, goes when I stand still, back at the same spot", True),
    ("my hip wakes me every night at 3am even on rest weeks and paracetamol isn't touching it", True),
    ("toes numb in my ski boots, loosen the buckles and they come back", False),
    ("bum goes numb on the hard bench at bowls, fine when I stand up", False),
    ("did knees to chest after my run but my back still feels locked up", False),
])
def test_red_flags_of_winter_sports_new_parents_and_grandparents(vocab: Vocabulary, text: str,
                                                                flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    ("lower calf always tight near the heel, want strength work not more stretching", {"1053"}),
    ("hip flexors feel weak, want to make them stronger not just stretch them", {"1038"}),
])
def test_not_more_stretching_asks_for_something_else(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "aside"), [
    # a correction of its own takes back the clause before it
    ("arch aches, no, more the heel, first thing in the morning", ["arch aches no"]),
    # and keeps the body part when it moves the pain without naming another
    ("my knee hurts on top of the cap, no wait, lower down, on the tendon after box jumps",
     ["my", "hurts on top of the cap no wait"]),
])
def test_a_reader_who_corrects_themselves_takes_back_what_came_before(vocab: Vocabulary, text: str,
                                                                     aside: list[str]) -> None:
    assert [m.surface for m in vocab.taken_back(text)] == aside


@pytest.mark.parametrize("text", [
    "no pain, no swelling, just tight calves after long runs",
    "can't wait, my first marathon is in May and my hips are tight",
])
def test_a_no_or_a_wait_inside_a_clause_corrects_nothing(vocab: Vocabulary, text: str) -> None:
    assert vocab.taken_back(text) == []


@pytest.mark.parametrize(("text", "best"), [
    ("pain on the inside of my knee, wait, no, the outside, always at mile four", {"1046", "1002", "1022"}),
    ("sore right on the kneecap, no, just below it, on the tendon, after box jumps", {"1034"}),
    ("tight groin from sitting at a desk, no wait, the front of the hip, my leg won't swing behind me", HIP_FLEXORS),
    ("my calves, no, the shins, inner edge, since I upped my mileage", {"1040", "1014"}),
    # runners' shorthand and coaches' idioms
    ("my PF flares up, heel sore for the first steps out of bed", {"1050", "1009"}),
    ("my coach says I sit in the bucket late in races", {"1033"}),
    ("legs feel stiff, what should I do before I head out the door for a run", {"1017"}),
    ("the one on my back with arm and opposite leg going down, how do I make it more challenging", {"1047"}),
])
def test_corrections_shorthand_and_exercises_described_find_their_post(demo: SearchIndex, text: str,
                                                                      best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    ("cannot lift up my toes since two days and the foot slap on the floor, back pain before", True),
    ("my face is falling down one side and the speech is funny since this morning", True),
    ("headbutted in a scuffle on the pitch, headache worse today and I vomited", True),
    ("both calves cramp on patrol after a few hundred metres, I stand one minute and it goes", True),
    ("low back pain and when I wipe I feel nothing down there, must push to pee", True),
    ("toes frozen white after the ice run, now blue black colour at the tips", True),
    ("i fall down at the end and my wife say i was gone some seconds", True),
    ("tingly foot while I lean on the roller, gone the second I stop", False),
    ("walking like a pinguin two days after the marathon, all the muscles sore", False),
    ("side plank: my left side gives out at 30 seconds", False),
    ("feel a little dizzy if I stop sudden after the sprint, fine if I keep walking", False),
    ("toes numb at mile 5 in my boots, loosened them a notch and all good", False),
])
def test_red_flags_of_hospitality_police_and_second_language_runners(vocab: Vocabulary, text: str,
                                                                     flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # a stride stretched out to go faster is overstriding, not a stretch
    ("knees get hammered when I speed up by stretching out my stride", {"1011"}),
    ("calves and arches sore ever since I started running up on my toes", {"1044"}),
    ("how many sets of the opposite arm and leg reach on hands and knees for a cranky low back", {"1021", "1067"}),
])
def test_a_stride_stretched_out_a_new_footstrike_and_the_bird_dog_reach(demo: SearchIndex, text: str,
                                                                       best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    ("pissing blood after a body shot in sparring last night", True),
    ("took a kick to the ribs and now short of breath, one side isn't filling", True),
    ("kneed in the belly in training, now pain at the tip of my left shoulder and I feel woozy", True),
    ("my teenage son limps for the first few steps out of bed with heel pain, then it eases after walking around",
     False),
    ("couldn't walk properly the day after the fell race, stiff as a board", False),
    ("still swaying like I'm on deck after the ferry, bit dizzy the first day ashore", False),
])
def test_red_flags_of_fighters_fell_runners_and_seafarers(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # stiff until breakfast is a stiff morning
    ("my low back is stiff as a board until after breakfast, then it eases off", {"1041"}),
    # looking behind while reversing is the middle back's rotation
    ("neck and upper back won't let me twist to look behind me when I'm backing the car out", {"1026"}),
    # big strides are overstriding
    ("I bound along with big strides and my knees ache after", {"1011"}),
])
def test_a_late_breakfast_a_look_behind_and_big_strides(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    ("wrist sore at the base of my thumb since I went flying onto my hand on the trail, two weeks on and still tender",
     True),
    ("rolled it stepping off the kerb and couldn't even take 4 steps after, outside ankle bone tender", True),
    # "passed out" on the sofa is asleep; "bloody" an oath
    ("passed out on the sofa after a night shift, neck stiff, eases with a walk", False),
    ("felt a bit lightheaded on my run before breakfast, ate a banana and felt fine", False),
    ("grandson has flat floppy feet, exercises to make them stronger?", False),
    ("bloody cold this morning, chest felt raw and I coughed for ten minutes after the run", False),
    ("bruise on my shin from slamming it into the coffee table, bit swollen", False),
])
def test_red_flags_of_cabin_crew_shop_floors_and_gamers(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "flagged"), [
    # a harmless cause tried in vain, or ruled out, explains nothing
    ("my foot has been numb for four days, even after I loosened the laces, and the big toe feels weak", True),
    ("tingling down the back of my leg for a week, not from sitting on it, and the calf is weak on stairs", True),
    ("toes numb all week, loosened the laces and it made no difference, foot slaps now", True),
    ("toes went numb at mile 6, loosened the laces and they came right back", False),
])
def test_a_harmless_cause_tried_in_vain_explains_nothing(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "flagged"), [
    ("pulled up sprinting, huge bruise down the back of my thigh and a dent I can feel under my bum", True),
    ("had a three week gap in training and my calves feel tight", False),
    ("my mate was talking absolute rubbish after the hot half and had stopped sweating too", True),
    ("forearm swelled up tight after lugging crates all day, veins showing and the arm feels heavy", True),
    ("kicked in the balls at five-a-side, one side swollen and agony", True),
    ("dull knee ache on stairs, settles when I rest for a week then comes back", False),
    ("bit light headed near iftar on my evening run during ramadan", False),
    ("night sweats after a big training day in the heat, aircon was off", False),
])
def test_red_flags_in_hot_climates_scout_camps_and_postal_rounds(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_a_place_name_corrected_to_a_body_word_raises_no_flag(demo: SearchIndex) -> None:
    # the speller reads "bali" as "ball"; "in ball" is not the testicles
    assert demo.search(SearchRequest(q="slept badly on the hotel bed in bali, back aches")).red_flags == ()


def test_a_new_pair_is_shoes(demo: SearchIndex) -> None:
    assert first(demo, "what should I look for in a new pair, the old ones have a hole by my little toe") == "1025"


@pytest.mark.parametrize(("text", "best"), [
    ("calves wrecked since I started landing up on my toes", {"1044"}),
    ("my spaniel pulls me sideways on runs and my trunk stop twisting is the goal", {"1030"}),
    ("with the buggy I reach way out and slam down on my heels", {"1011"}),
])
def test_toes_a_twisting_trunk_and_a_reach_said_with_a_word_more(demo: SearchIndex, text: str,
                                                                 best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    ("whole leg fat and tight and a bit bluey after 12 hours stuck in a coach", True),
    ("got clocked on the temple by a swinging gate, headache getting worse and I've thrown up", True),
    ("sore spot on top of my left foot getting worse for 2 weeks, I can put my finger on the exact bit and hopping"
     " hurts", True),
    ("bum goes numb in the bus seat on a long shift, stand up and walk about and it's fine", False),
    ("headache after forgetting my water on a hot run, gone after drinking a litre", False),
    ("bit lightheaded after a hot run, had a drink and a biscuit and fine", False),
])
def test_red_flags_of_festival_goers_animal_carers_and_drivers(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # sitting cross-legged with the knees up high: tight inner thighs
    ("stretches so I can sit cross legged at yoga again", {"1027", "1072"}),
    # the standing quad stretch described: the quads
    ("I can no longer grab my foot behind me to stretch after runs", {"1054"}),
    # twisting to reach and a chest that will not turn: the middle back's rotation
    ("middle back locks up twisting to reach behind me", {"1026"}),
    ("upper back so stiff I can't turn my chest to look at the runner beside me", {"1026"}),
    # giant strides are overstriding
    ("I take giant strides when I tire, want a quicker step", {"1011", "1006"}),
])
def test_what_a_reader_can_no_longer_do_and_strides_said_bigger(demo: SearchIndex, text: str,
                                                                 best: set[str]) -> None:
    assert first(demo, text) in best


def test_a_readers_own_wording_keeps_its_harmless_cause_through_the_speller(demo: SearchIndex) -> None:
    # "sitting cross legged" is a reader's wording of the inner thighs; the correction must not turn it
    # into "inside of the thighs" and lose the harmless cause of the pins and needles
    text = "pins and needles in my foot from sitting cross legged in assembly, gone in a min"
    result = demo.search(SearchRequest(q=text))
    assert result.red_flags == ()


@pytest.mark.parametrize(("text", "flagged"), [
    ("hip aches even lying in bed doing nothing, wakes me most nights", True),
    ("fell on the ankle on a rocky path, bone on the outside is sore to touch and I couldn't manage four steps", True),
    ("foot just flops down on the left when I walk, started last week", True),
    ("toes tingle under a hot shower after my long run, nothing else", False),
    ("legs tingly after 50 minutes sat in the car on the drive home, gone once I walk", False),
    ("night sweats camping because I packed the winter sleeping bag in August", False),
    ("can't walk normally for the first few steps after bed, heel eases after ten minutes", False),
    ("tight across the front of my shoulders reaching up to the top cupboard, chest too when I run", False),
    ("ankle goes wonky on uneven paths since I sprained it", False),
    ("can't sit cross-legged on the floor with the kids at story time any more, hips too tight", False),
    ("feet flop down noisily at the end of long runs and the shins burn", False),
    ("can't walk on my toes across the kitchen without my calves cramping", False),
])
def test_red_flags_of_dialects_trails_and_night_shifts(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # "same as before" compares with an old flare; it is no comeback from a break
    ("outer knee flares at the same mile each run, same as before my last half", {"1046", "1002"}),
    # the insides of both legs are the inner thighs
    ("insides of my legs feel tight after football, which stretches", {"1027"}),
    # the other hip sagging on one leg is the gluteus medius
    ("standing on my right leg the other hip sags", {"1007", "1068"}),
    ("core work with a band so my trunk stays steady when I turn", {"1030"}),
    # the knee-to-wall test is the ankle's bend
    ("my knee won't touch the wall in the lunge test without the heel lifting", {"1019"}),
    # lowering on one bent leg, under control, is the step-down
    ("knee ache going downstairs, an exercise for controlled lowering", {"1057"}),
    # a position is no body part: on all fours is the bird dog
    ("gentle move on all fours for my sore back", {"1021", "1067"}),
    ("aching from my hip to my knee along the outside", {"1002", "1046"}),
    ("lifting my hips off the floor, which version for stronger glutes", {"1024"}),
    ("how many steps a minute should a beginner aim for", {"1006", "1056"}),
])
def test_comparisons_positions_and_exercises_said_as_what_they_do(demo: SearchIndex, text: str,
                                                                   best: set[str]) -> None:
    assert first(demo, text) in best


def test_what_can_wait_is_set_aside(vocab: Vocabulary) -> None:
    assert [m.surface for m in vocab.taken_back("tight shoulders but that can wait, calves feel like rocks")] == [
        "tight shoulders but that can wait"]


@pytest.mark.parametrize(("text", "flagged"), [
    ("blood pressure monitor said 190 over 110 and I have a pounding headache", True),
    ("toes still white and waxy an hour later, ran home in wet socks in the snow", True),
    ("sore spot on top of my foot hurting more every walk", True),
    ("my sister was talking utter gibberish after the hot race and had stopped sweating", True),
    ("sharp pain under my left ribs going into my shoulder, a fortnight after glandular fever", True),
    ("vision in one eye went grey mid run and is still not right", True),
    ("bp monitor says 125 over 80, slight headache after the long run", False),
    ("feet throbbed all night after walking round the museum all day in flat shoes", False),
    ("heel like stepping on a nail for the first steps in the morning, eases after", False),
    ("tingly feet on the cross trainer, goes when I wiggle my toes", False),
    ("calf cramp in the night woke me, eased when I stretched it", False),
    ("numb bum from the bike seat after commuting by bike", False),
])
def test_red_flags_of_walkers_commuters_gym_goers_and_wearables(vocab: Vocabulary, text: str,
                                                                flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "flagged"), [
    # a negation inside an idiom denies nothing after it
    ("dropped 5 kilos without even trying and I'm soaking the sheets at night, hips ache constantly", True),
    ("knee gave way without any warning and swelled up within the hour", True),
    # a negation of its own still denies
    ("no swelling, no redness, just a tired ache after the long run", False),
    # the speller's and the reader's own idioms
    ("threw up what looked like coffee grounds after a day of ibuprofen on the trail", True),
    ("haven't had a period since spring, marathon block and not eating much, sore groin that hurts to hop", True),
    ("bp monitor read 200 over 115 with a blinding headache this morning", True),
    ("one leg has always been a touch shorter, which insoles help", False),
    ("wobbly on my left since I fractured that ankle years ago, balance drills?", False),
    ("weak and floppy feet with low arches, what exercises", False),
    ("dizzy after a sprint finish, fine after a sit down and a drink", False),
    ("fingers go numb from handlebar buzz on the van round, fine after I get off", False),
])
def test_red_flags_of_idioms_salons_couriers_and_ultras(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_an_upper_back_that_should_twist_more_is_rotation(demo: SearchIndex) -> None:
    assert first(demo, "mid back stiff after long runs, I want it to twist more") == "1026"


@pytest.mark.parametrize(("text", "best"), [
    # a side plank told by how it is held, the ankle's bend said with a word between
    ("my hip drops when I'm propped on one elbow doing sideways holds", {"1016", "1055"}),
    ("heel flat, my knee will barely travel past my toes, how do I loosen the ankle", {"1019"}),
])
def test_exercises_said_by_how_they_are_held(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # a worried reader's question is no symptom
    ("face bright red for an hour after my tempo run, feel fine, is it a fever?", False),
    ("arch sore after a day barefoot at the beach, bone pain?", False),
    ("bony bumps on top of both feet, been there for years, same on the other foot", False),
    ("one skipped beat at rest after coffee, then normal", False),
    ("hamstring goes tingly in the desk stretch, stops when I ease off", False),
    ("fell and smacked my head on the trail, headachey since and chucked up twice", True),
    ("knee hot and swollen and I've had a fever since yesterday", True),
    ("at altitude I suddenly couldn't get a breath in, just sitting there in the hut, not the usual altitude puffing",
     True),
])
def test_red_flags_of_worriers_stoics_and_riders(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # a long run told by the time it starts to hurt, a race told by its day
    ("lower back locks up after anything over 90 minutes on my feet", {"1032"}),
    ("my half marathon is this sunday and my legs feel flat, what should I do this week", {"1018"}),
    ("my foot lands way out in front of my hips and the knee is locked", {"1011"}),
])
def test_long_runs_race_days_and_reaches_said_by_their_measure(demo: SearchIndex, text: str,
                                                                best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    ("after the finish my runner went down, and now she doesn't really know where she is", True),
    ("one eye has gone washed out over two days, colours look faded and it aches when I look sideways", True),
    ("my lad collapsed after training and was jerking a bit on the floor, second time this month", True),
    ("ran into a lamppost guiding my friend, she has been sick twice and the headache is getting worse", True),
    ("noticed red wee twice this week, no pain, hadn't run that day", True),
    ("couldn't sleep the night before the race, just buzzing, legs fine", False),
    ("fingers cold and a bit numb in the first minutes of a winter session, then warm up and normal", False),
    ("night sweats are back since I changed my HRT, still fine to run?", False),
    ("a bit dizzy after shuttle drills round the cones, passed in a few seconds", False),
    ("itchy legs for the first ten minutes of a run, like pins and needles, then it goes", False),
])
def test_red_flags_of_guides_menopause_and_junior_clubs(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # "wobblier" is wobbly; a middle that cannot hold steady wants the anti-rotation press
    ("I'm much wobblier on my right leg than my left, drills?", {"1070"}),
    ("my middle can't hold steady and my shoulders swing round when I run", {"1030"}),
])
def test_a_wobble_compared_and_a_middle_that_cannot_hold(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # the reader's own guess at a harmless cause explains nothing
    ("sitting on the sofa and suddenly could not catch my breath, could it be the pollen?", True),
    ("waking drenched most nights with a deep ache in my thigh bone, I put it down to the menopause", True),
    ("after a 12 hour drive one calf is fat and tight as a drum and hurts to walk", True),
    ("achy bottom for two days after my osteoporosis strength and balance class", False),
    ("my face goes beetroot red running and friends think I'm about to keel over, I feel fine", False),
])
def test_red_flags_of_clinicians_farm_workers_and_older_women(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "flagged"), [
    # a cause the reader says did nothing explains nothing; a residual limb swells as a calf does
    ("numb from my low back down the leg into my foot for weeks, the foam roller isn't touching it", True),
    ("my residual limb is swollen, warm and achy in the socket since yesterday", True),
    ("whole calf swollen and warmer than the other a week after my knee arthroscopy", True),
    ("out of breath on the easy runs all week, couldn't finish a sentence on the flat", True),
    ("sciatica both legs and my legs keep getting weaker, tripping on kerbs", True),
    # pressing said not to hurt, a sore calf after a flight said not swollen, a grip that tingles
    ("shin bone sore after a mileage jump, but pressing on it doesn't hurt and it's less every week", False),
    ("calves knotted and sore to squeeze both sides the day after a big session", False),
    ("calves stiff after the long haul flight home, not swollen, just tired legs", False),
    ("a couple of skipped heartbeats at my desk after three espressos, nothing on runs", False),
    ("forearm tingles from gripping too hard on the handlebars, shakes off in a minute", False),
])
def test_red_flags_of_racket_players_group_chats_and_warehouses(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_a_chest_that_heaves_on_a_hill_is_breathing_hard(demo: SearchIndex) -> None:
    # "heaves" is a word, not a typo of "heavy": the speller must not turn breathing hard into a heavy chest
    assert demo.search(SearchRequest(q="my chest heaves on steep hills, normal?")).red_flags == ()


@pytest.mark.parametrize("text", [
    # said further from the kind it turns down ("stretching my arch for six weeks, no change"), and in
    # words of having done nothing ("hasn't done anything", "haven't made a difference")
    "stretched my calves every single night, no change",
    "the butterfly stretch hasn't done anything for my groin",
    "months of stretching haven't made a difference",
])
def test_a_kind_that_did_nothing_is_turned_down(vocab: Vocabulary, text: str) -> None:
    assert ("turned_down", "stretch") in [(t.kind, t.key) for t in plan(text, vocab).tokens]


@pytest.mark.parametrize(("text", "flagged"), [
    ("since Tuesday I can't feel my saddle area properly and my low back aches", True),
    ("crashed on the descent, helmet cracked, and now I'm puking with my head pounding", True),
    ("short of breath on easy rides lately and my chest tightens on the climbs", True),
    ("my left foot slaps the ground on every run now and my back has ached for weeks", True),
    ("low back pain and I pooed myself without noticing yesterday", True),
    ("after the comp my piss is the colour of coke and my thighs are rock hard", True),
    # the hoods of a gravel bike, a hot flat, a flight walked off, the children, a kick, tired hip flexors
    ("fingers tingly on the hoods after a long gravel ride, fine by lunch", False),
    ("night sweats in my boiling flat all summer, feel fine", False),
    ("calves tight and sore after a long flight, loosen up once I walk about", False),
    ("heel hurts on the first steps when the kids wake me at six", False),
    ("calf swollen and tender where my son kicked me, there's a bruise", False),
    ("hip flexors give out near the end of long runs and my knees won't lift", False),
])
def test_red_flags_of_riders_chefs_and_childminders(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # the knee said with its movement is what moves ("my knee dives in"): a hip that drops wants the
    # gluteus medius, not the runner's-knee post
    ("my hip drops on one side when I land and my knee dives in, what should I strengthen", {"1007", "1068"}),
    # how far the ankle bends, said as the wall the knee will not reach
    ("knee won't reach the wall on my stiff ankle", {"1019"}),
    # a joint that feels locked wants mobility; a plank's faults as readers see them
    ("middle of my back feels locked whenever I twist", {"1026"}),
    ("bum in the air and shaking in the plank after a minute, what am I doing wrong", {"1061"}),
])
def test_movements_said_with_their_body_part_and_joints_that_feel_locked(demo: SearchIndex, text: str,
                                                                          best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    ("heard a crack as I landed off the jetty and couldn't take a single step after", True),
    ("third day of the trek, breathless even lying in my sleeping bag and a wet cough", True),
    ("woke up and one side of my mouth won't move properly, my hand feels clumsy", True),
    # a rowing machine, an altitude pill, ribs sore to press after hauling a pack, bones pressed
    # without pain, breathing that stops and starts at altitude
    ("hands tingle after rowing on the erg, gone in a few minutes", False),
    ("toes tingle on and off since starting diamox for the trek", False),
    ("ribs sore on the outside, hurts to press on the muscle, from the pack straps I think", False),
    ("rolled my ankle, a bit puffy, but I can press all around the bones and it's less sore", False),
    ("weird breathing at night up at the hut, I stop breathing for a few seconds and it wakes me up", False),
])
def test_red_flags_of_rowers_trekkers_and_shop_owners(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # a warm-up asked for by the race it comes before; a leg that will not swing back is the hip flexors
    ("what's a good quick routine before a parkrun so my legs aren't dead for the first km", {"1017"}),
    ("my leg won't swing back behind me after sitting all day", {"1008", "1052"}),
    # a place the reader denies is not where it hurts
    ("not the inside edge of the shin, more the front muscle, how do I strengthen it", {"1062"}),
    # a footstrike to change, steps to quicken, a wall the knee gets nowhere near
    ("thinking of changing the way my foot lands to help my knees", {"1044"}),
    ("want quicker lighter steps, mine feel long and heavy", {"1006"}),
    ("knee nowhere near the wall on my stiff ankle", {"1019"}),
])
def test_warm_ups_before_a_race_denied_places_and_steps_to_change(demo: SearchIndex, text: str,
                                                                    best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    ("grazed my shin on the trail, the redness is spreading and it's weepy and hot", True),
    ("during the cooldown my speech came out garbled for a minute and my arm went dead", True),
    # pressure numbness that goes on standing or walking about
    ("back of my thigh tingles slumped in the office chair, goes the moment I stand", False),
    ("foot went numb standing at the door all night, came back after I walked about a bit", False),
])
def test_red_flags_of_van_lifers_call_centres_and_door_staff(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # the muscles said to take over are not where it hurts: the glutes that do not fire want waking up
    ("my hamstrings take over on every run and my glutes don't fire, what should I do before I go", {"1042"}),
    # a break named by its season is a comeback
    ("took the whole summer break off, how much should I run in my first week back", {"1069"}),
])
def test_muscles_that_take_over_and_a_season_off(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    ("puffed out walking even on the flat lately and both ankles are swelling up", True),
    ("my arm went weak at the water station and my words were coming out wrong for ten minutes", True),
    # a run the reader might skip is no skipped heartbeat; a chest closed up and rounded is posture
    ("morning heart rate is up and my legs are heavy, should I skip today", False),
    ("chest feels closed up and rounded from the desk, painful click in my shoulder", False),
])
def test_red_flags_of_tail_walkers_charity_walkers_and_bakers(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # deep in the bottom is the deep buttock; knees that hardly lift, a shuffly stride; the Copenhagen
    # plank described by the bench under the top leg
    ("pain deep in my bottom that shoots down the back of my leg on long drives", {"1012", "1060"}),
    ("by the end of the half my stride goes shuffly and my knees hardly lift", {"1038"}),
    ("inner thighs tight, should I do the side plank with my top leg on a bench", {"1049"}),
])
def test_a_deep_bottom_knees_that_hardly_lift_and_a_plank_on_a_bench(demo: SearchIndex, text: str,
                                                                       best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    ("went over on my knee in the rugby, can't take any weight on it and it blew up", True),
    ("got hit by a golf ball near my ear, now drowsy and the headache is getting worse", True),
    ("both ankles puffy and I get breathless on the stairs now", True),
    # a head cold after a flight, a sting, a grip tired at the range, pressure numbness, a leak on a sneeze
    ("got a head cold on the flight home, a bit out of breath on my first jog back", False),
    ("calf stung by a wasp, red puffy and itchy", False),
    ("hand weak and tingly after a long range session, fine after a night's sleep", False),
    ("feet pins and needles after sitting crosslegged, gone in a min", False),
    ("little leak when I sneeze or jump on the trampoline, pelvic floor exercises?", False),
])
def test_red_flags_of_golfers_beekeepers_and_drivers(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # no day off is the rest-day post's question; a beat to step to is the metronome; the deep calf low
    # down near the heel is the soleus; a back that arches while lowering an arm and a leg is the dead bug
    ("ran every day since new year, haven't had a day off and my legs feel dead", {"1036"}),
    ("want a metronome app to speed up my steps on the treadmill", {"1056"}),
    ("weak low down near the heel in my calves after long runs, what strengthens that", {"1053"}),
    ("my back arches up when I'm lowering arm and leg on the floor", {"1010"}),
])
def test_days_without_rest_a_beat_to_step_to_and_muscles_described(demo: SearchIndex, text: str,
                                                                     best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    ("calf went bang on a lift, now I cant push off or stand on tiptoe on that leg", True),
    ("sudden blinding headache on a climb that peaked within seconds", True),
    ("after an open water swim I'm coughing up pinkish frothy stuff and breathless even sitting down", True),
    # coffee at a desk explains a skipped beat, not a heart that thuds on every effort
    ("my heart thuds irregularly and I get lightheaded on every set of strides, I do drink a lot of coffee", True),
    ("a bit dizzy after flip turns, gone in seconds", False),
    ("felt faint after giving blood at lunch, fine now", False),
    ("fingers go numb carrying the straps, come back when I let go", False),
    # "coming back" is no back
    ("legs feel weak coming back after three weeks off", False),
])
def test_red_flags_of_lifeguards_removal_workers_and_researchers(vocab: Vocabulary, text: str,
                                                                 flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize("text", [
    # the harmless causes above are said narrowly: a stinging calf is no sting, tight calves beside a bone
    # that is worse are not knotted muscles, tired legs after a flight do not explain a swollen calf
    "my calf is swollen, red and stinging",
    "calf swollen and hot, itchy skin over it too",
    "calves are tight and one spot on my shin bone hurts to press and is getting worse",
    "calf swollen and sore since the long flight, tired legs too",
    "back pain and my leg went weak, had time off work",
    "dragging heaviness down below and some leakage on runs",
])
def test_a_harmless_cause_said_narrowly_hides_no_red_flag(vocab: Vocabulary, text: str) -> None:
    assert vocab.red_flags(text)


@pytest.mark.parametrize(("text", "best"), [
    # an old injury the reader says this is not is set aside; a knee that cannot reach the wall is the ankle
    ("sore just below the kneecap after jumping, not like my old runner's knee at all", {"1034"}),
    ("my knee doesn't reach the wall on the left, calf feels blocked in squats", {"1019"}),
])
def test_an_old_injury_denied_and_a_knee_short_of_the_wall(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    ("my speech was odd for a few minutes after the long run, feel fine now", True),
    ("slipped on the ice, knee swollen and I've been hopping around the house all evening", True),
    ("breathless walking to the shop and my ankles have been puffy all week", True),
    ("chest felt tight carrying the shopping and I came over clammy, sat on a bench till it passed", True),
    ("felt a snap at the back of the calf on a sprint, now walking flat footed", True),
    ("headache came on all at once at the top of the climb, like nothing before", True),
    # a clot someone else talked about, hands a shake brings back, a numb lip after the dentist, a wrist
    # that moves fully and is easing, an arm slept on
    ("my sister went on about DVT, but my calves are just tight from the new shoes", False),
    ("carpal tunnel wakes me at night, I shake them out and it's fine", False),
    ("numb lip after the dentist, can I still do my tempo run", False),
    ("fell onto my hand on the trail, wrist a bit sore, full range and improving", False),
    ("fingers tingling after a nap lying on that arm, gone after a shake", False),
])
def test_red_flags_of_hairdressers_porters_and_choir_singers(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # a room without a gym is the living-room core routine; a film sat through is sitting; the kneeling stretch
    # said as kneeling on one knee; a kind three words after "instead of" is set aside
    ("short ab routine for the front room floor, no kit", {"1071"}),
    ("kneecap grumbles on the stairs and after sitting through a film", {"1015", "1057"}),
    ("kneel on one knee and push the hips forward, good for a desk-tight hip?", {"1008", "1052"}),
    ("warm-up ideas before a parkrun instead of holding long calf stretches", {"1017"}),
])
def test_a_room_without_a_gym_a_film_sat_through_and_a_stretch_set_aside(demo: SearchIndex, text: str,
                                                                          best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "best"), [
    # the 90/90 switch and the dead bug described; a drill named after the buttock is no buttock; a track
    # session's warm-up
    ("sitting with one leg bent in front and the other to the side, rotate both knees, for stiff hips", {"1059"}),
    ("on my back moving opposite arm and leg, trying to keep my lower back flat on the floor", {"1010", "1047"}),
    ("do butt kicks count as a warm up?", {"1017"}),
    ("quick routine before speedwork on the track", {"1017"}),
])
def test_exercises_described_and_a_drill_named_after_a_body_part(demo: SearchIndex, text: str,
                                                                 best: set[str]) -> None:
    assert first(demo, text) in best


def test_a_kind_three_words_after_instead_of_is_set_aside(vocab: Vocabulary) -> None:
    text = "what to do instead of holding long static stretches"
    assert vocab.turned_down(text, vocab.intents(text))[0] == {"stretch"}


@pytest.mark.parametrize(("text", "flagged"), [
    ("started the pill, now one calf is red and warm and swollen, it doesn't feel like doms", True),
    ("speech went thick and my right hand went clumsy for a few minutes on the run", True),
    ("short of breath even sitting down, had a hip operation a fortnight ago", True),
    ("can't feel when I need the toilet since my back went, legs weak too", True),
    ("numbness creeping up both legs from my toes over a few days", True),
    ("hurt my back lifting, and my left foot has started slapping when I jog", True),
    ("worse lying flat at night, I sleep propped up on pillows now, and puffed on easy jogs", True),
    # a cramp a drink explains, a hop said to be fine, a bloke talking about a clot, hands slept on
    ("pulse goes erratic after energy drinks, otherwise fine", False),
    ("groin tight both sides, can hop on either leg fine", False),
    ("pop in my calf at the track, sore, but I can still stand on my tiptoes", False),
    ("calves puffy after a long hike, both legs, gone by the next day", False),
    ("bit lightheaded running straight after a big meal", False),
    ("cheeks tingle in the wind chill on winter runs", False),
    ("neck stiff after falling asleep on the train at a weird angle", False),
    ("foot tingly after kneeling on it weeding, gone after I stamped about", False),
])
def test_red_flags_of_night_carers_allotment_holders_gamers_and_travellers(vocab: Vocabulary, text: str,
                                                                           flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "flagged"), [
    ("hit me head on a low beam, been sick since and the headache's worse", True),
    ("left foot is slapping the floor and I can't lift the toes, back twinges", True),
    ("my heart went all jumpy, not a steady beat, and I felt woozy", True),
    ("knee cap swollen, red and hot, shivery with a temperature", True),
    ("half my face went numb on one side and my words came out all wrong", True),
    ("a bony spot on my shin hurts to press and is worse every week", True),
    # a mileage cut, heels worn all day, a hot flat, a dental filling, numbness walked off
    ("shins ache along the inside, better since I cut my mileage", False),
    ("calves tight after a wedding in heels, no swelling", False),
    ("night sweats but my bedroom is like an oven", False),
    ("chin numb after a filling at the dentist, can I run", False),
    ("sit bones numb on a hard bench, goes away when I walk", False),
    ("front of my hip is tender just below the bone after rolling it", False),
])
def test_red_flags_of_crews_trades_and_dental_nurses(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # beside a cause, when the story started dates it and tells no post from another ("last week" is no
    # Race Week); the inside of the upper leg is the inner thigh
    ("changed to a forefoot landing last week and my calves are wrecked", {"1044"}),
    ("inner upper leg tight after hill reps, stretch or strengthen?", {"1027", "1049"}),
])
def test_a_story_dated_beside_a_cause_and_the_upper_leg(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    ("fell off the wall and my ankle is pointing the wrong way", True),
    ("calf feels hotter and sore since I've been laid up after the op", True),
    ("back went last week and now there's numbness down there", True),
    ("tingling down my right leg that doesn't go when I stand up, and the foot is getting weaker", True),
    # a foot sat on, a hangover, a tightness that lingers, a wrist that moves, a knee knelt on a toy
    ("pins and needles after sitting on my foot at the cinema, passes in a minute", False),
    ("back aching and woke up sweaty, probably the hangover", False),
    ("calf tightness low down never goes away, stretch or roll?", False),
    ("wrist sore after a trip, can move it fully and grip is fine", False),
    ("bruise on my knee from kneeling on lego, a bit swollen", False),
])
def test_red_flags_of_fishermen_partners_students_and_drivers(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # a sprain the reader denies points to no sprain post
    ("wobbly balancing on one leg but I've never sprained anything, how do I improve", {"1070"}),
])
def test_a_sprain_denied(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    ("on the pill and after a long drive my calf is warm and puffy", True),
    ("marked the redness with a pen line last night and it has spread past the line", True),
    ("felt like being hit with a stone at the back of my lower calf, can't push off now", True),
    ("tight chest on my jog that eased when I walked, I work at a desk job", True),
    # a steep hill's breathlessness that passes, hands shaken awake, a foot asleep from kneeling
    ("out of breath on a steep hill but I get my breath back quickly", False),
    ("fingers tingly on long runs, I shake them and it's gone", False),
    ("foot pins and needles when I kneel to garden, goes in a minute", False),
])
def test_red_flags_of_clergy_cleaners_and_logistics_managers(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "flagged"), [
    ("ran home in the heat, couldn't remember the route I run every week and I'd stopped sweating", True),
    ("heel hurts when I squeeze both sides of it, worse every week", True),
    # tools that numb a hand, a zone 5 effort, calves tender alike, a hamstring "kicked"
    ("hands buzzing after strimming the verges, fine an hour later", False),
    ("chest burns and I'm gasping at the end of a zone 5 interval, recover in a minute", False),
    ("calves tender to squeeze, both sides evenly, after hill reps", False),
    ("felt like being kicked in the back of my thigh on a sprint", False),
    ("legs heavy after a long day, bum sore but nothing numb", False),
])
def test_red_flags_of_groundskeepers_carpenters_and_spin_instructors(vocab: Vocabulary, text: str,
                                                                     flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # a race days away said by its day or its taper; a band walk said as walking sideways; the knee
    # that will not go far forward over the toes, the heel that wants to lift
    ("marathon this weekend, legs flat, one more long run or rest?", {"1018"}),
    ("tapering for my first marathon and feel sluggish, is that normal", {"1018"}),
    ("mini band round my ankles and walk sideways, how many steps for weak hips", {"1068"}),
    ("heel wants to lift when I lunge and my knee won't go far forward past my toes", {"1019"}),
])
def test_a_race_days_away_a_band_walk_and_an_ankle_that_will_not_bend(demo: SearchIndex, text: str,
                                                                       best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize("text", ["pain runs down the back of my thigh", "it runs down the outside of my calf"])
def test_a_pain_that_runs_down_a_leg_is_no_downhill(vocab: Vocabulary, text: str) -> None:
    assert "downhill" not in [m.key for m in vocab.triggers(text, reader=True)]


@pytest.mark.parametrize(("text", "flagged"), [
    ("a hard lump above my knee that gets worse every week", True),
    # coffee before one skipped beat, chilling on a sofa, shins that ease after a mile, a hand shaken
    # awake, a stretch's back foot
    ("I was chilling after three coffees when my heart skipped once", False),
    ("one skipped beat after my third coffee, fine since", False),
    ("shins sore along the inside of the bone on both legs, worse at first, eases after the first mile", False),
    ("hands tingle holding the camera all day, I shake it off and it's gone", False),
    ("calves tight and my back foot turns out in the wall stretch", False),
])
def test_red_flags_of_journalists_baggage_handlers_and_photographers(vocab: Vocabulary, text: str,
                                                                     flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # the knee of the leg in front in a stretch is not a knee injury; a heel raise is a calf raise; a
    # heel that lands far in front overstrides; the start line's loosening up is a warm-up; a knee not
    # reaching the wall is the ankle's bend
    ("pigeon pose hurts my front knee, another stretch for a tight bum", {"1060"}),
    ("how many one-legged heel raises should a runner manage", {"1053", "1040"}),
    ("heel hits the ground far in front with my leg straight and my knee aches", {"1011"}),
    ("what should I do on the start line to get loose", {"1017"}),
    ("knee not reaching the wall with my heel down, what helps", {"1019"}),
])
def test_a_stretchs_front_knee_a_heel_raise_and_the_start_line(demo: SearchIndex, text: str,
                                                                best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    ("next thing I know I'm on the floor at the finish with a marshal standing over me", True),
    ("laid up in bed for a week with a bad back and now one calf is red and hot", True),
    ("jabbed by a used needle in the hedge while picking litter on my run", True),
    ("a pop where the heel counter rubs and now I can't push off or go up on tiptoe", True),
    ("sore chest muscles from benching and I nearly faint on hard runs", True),
    ("breathless walking to the shop lately and my ankles bit puffy", True),
    ("tight chest on hills, goes when I stop, probably unfit after the winter", True),
    # a second espresso, a hip lain on, a dog that missed the skin, a bib's pins, shin splints
    # called bone pain
    ("one skipped beat after my 2nd espresso, fine since", False),
    ("hip aches at night lying on that side, fine once I turn over", False),
    ("neighbour's dog went for me but didn't break the skin, just a bruise", False),
    ("pinned my bib on crooked and my arms rubbed raw", False),
    ("shin bone pain on runs since I upped my miles", False),
])
def test_red_flags_of_refuse_collectors_pharmacists_and_accountants(vocab: Vocabulary, text: str,
                                                                     flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # a knee that can only go a little forward over the toes is the ankle's bend; core work off the floor
    ("my knee can go forward over my toes only a little, how do I loosen my ankles", {"1019"}),
    ("need a standing core exercise, getting on the floor is hard with my knees", {"1030"}),
])
def test_an_ankle_that_bends_a_little_and_core_work_standing(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    ("my face felt funny on one side for a few minutes, fine now", True),
    # a calf with no swelling, a bump whose headache went within the hour, the car's aircon, a wrist
    # that takes no weight, a heel that feels like a nail
    ("calf a bit sore after sprinting for the bus, nothing swollen", False),
    ("bumped my head on the car boot, slight headache gone within an hour", False),
    ("dizzy after a hot run, sat in the car with the aircon and it passed", False),
    ("sore wrist so I can't put weight on my hands for planks", False),
    ("heel feels like I'm stepping on a nail first thing, then eases", False),
])
def test_red_flags_of_estate_agents_scaffolders_and_tattooists(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # balance said by what it asks of the body
    ("standing on my right foot I sway all over, fine on the left", {"1070"}),
])
def test_balance_said_as_standing_on_one_foot(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # Scots words read as their English
    ("a wee spot on ma shin hurts tae press and it's worse every run", True),
    ("heard a pop at the back of ma heel and I cannae go up on ma toes", True),
    ("short of breath just going up to the first floor, and I can't get air lying flat at night", True),
    ("three days after a hot marathon my pee is dark like port and my thighs are agony", True),
    ("my arm went heavy and one side of my face felt weird for ten minutes", True),
    # swelling denied in Scots, blood given, both calves after a race and a flight, runners flying past,
    # a throat stung by frost
    ("calves sore after the race, nae swelling, loosened off on a jog", False),
    ("a bit faint after I gave blood, then a gentle jog, fine now", False),
    ("calves tight and sore after the race and a long flight home, easing off as I walk", False),
    ("totally out of breath on the hill at parkrun, everyone flew past me", False),
    ("throat stings on frosty mornings and I cough after runs", False),
])
def test_red_flags_of_scots_window_cleaners_wine_merchants_and_market_traders(vocab: Vocabulary, text: str,
                                                                              flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # a body part named in Spanish or Portuguese inside an English search
    ("pantorrilla tight after hill repeats, what stretch", {"1005"}),
])
def test_a_body_part_in_spanish_or_portuguese(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    ("panturrilha inchada e quente since a long flight", True),
    ("xixi dark like cola after a marathon and my legs are agony", True),
    ("lumbar pain and some trouble passing urine since yesterday", True),
    # the cold air is someone else's guess, and explains nothing
    ("tight chest like a band on the hill, eased when I stopped, my mates reckon it's the cold air", True),
    # a foot asleep in a stretch, the collarbone as a landmark, a fracture in the past
    ("foot went numb in the butterfly stretch, came back once I stood up", False),
    ("shoulders creep up toward my ears and the collarbone bump aches late in runs", False),
    ("back from a foot fracture, shin aches a bit on runs now", False),
])
def test_red_flags_of_lifeboat_crews_florists_and_mechanics(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # a body part named in German or Dutch inside an English search
    ("my Schienbein hurts on the inner edge since I run more kilometers", {"1014", "1040"}),
    ("the kuit is always tight, also when I stretch it", {"1005", "1053", "1066"}),
    # the knee pushed forward is the ankle bending; getting loose before a race is the warm-up
    ("ankle jams at the front when I push my knee forward in a lunge", {"1019"}),
    ("how do I get loose before my race, rather than static stretches", {"1017"}),
])
def test_a_body_part_in_german_or_dutch_and_an_ankle_pushed_forward(demo: SearchIndex, text: str,
                                                                    best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    ("my Waden is hot and swollen since the long drive on Sunday", True),
    ("sudden loss of sight in my left eye during intervals, came back after a few minutes", True),
    ("knelt on wet concrete, now the burns on my knees are weeping", True),
    # an arm that comes back once it hangs, a dizziness that passes straight away, a headache gone
    # within the hour with salt tabs, a back that aches from night feeds
    ("arm goes numb holding the board up to the ceiling, comes right after a minute", False),
    ("bit dizzy getting up off the mat after sit-ups, passes straight away", False),
    ("drank loads of water on a hot long run, slight headache, had salt tabs and felt normal within the hour", False),
    ("neck aches from feeding hunched over all night with the baby", False),
])
def test_red_flags_of_electricians_bricklayers_and_lawyers(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # steps said too long and slow are the cadence; long reaching steps land in front
    ("my steps feel long and slow on the flat, how do I get quicker ones", {"1006", "1056"}),
    ("treadmill mirror shows long reaching steps, my shins take a pounding", {"1011"}),
    # a sprain the reader has never even had; a back that keeps peeling off the floor in the dead bug
    ("standing on one leg I wobble all over, I have never even sprained an ankle", {"1070"}),
    ("on my back with arms and legs up in the air, my lower back keeps peeling off the mat", {"1010", "1047"}),
])
def test_steps_too_long_a_sprain_never_had_and_a_dead_bug_arching(demo: SearchIndex, text: str,
                                                                  best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    ("heard my calf go pop on the stairs and now I can't push off at all on that foot", True),
    # hands shaken out, arms lowered, a warm night under a thick duvet
    ("tingly fingers after a day on the sander, fine once I shake my hands out", False),
    ("hands go numb painting the ceiling with my arms up for ages, fine once I drop them", False),
    ("night sweats on a warm night after an evening run, duvet too thick I reckon", False),
])
def test_red_flags_of_dockers_surveyors_and_midwives(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # the leg that will not go behind them; a warm-up for the minutes before the start
    ("my son can't get his leg behind him when he sprints, hips tight from gaming all day", {"1008", "1052", "1072"}),
    ("what can I do in the quarter hour before the start of a 10 mile race so my legs aren't dead", {"1017", "1042"}),
])
def test_a_leg_that_will_not_go_behind_them_and_the_minutes_before_the_start(demo: SearchIndex, text: str,
                                                                             best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    ("hours in the blast freezer, two fingertips went white and waxy and are blistering now", True),
    ("fell off the step ladder onto my hand and my wrist has a bend in it that wasn't there", True),
    ("sudden explosive headache carrying the sofa upstairs, then I threw up", True),
    # the muscle said over the bone, a sander's buzz, out of the van and walking round
    ("shins achy after hill reps, nothing hurts to press in one spot, more like the muscle than the bone", False),
    ("fingers tingle after the sander all afternoon, wears off within the hour", False),
    ("numb bum cheek after the motorway in the van, went as soon as I got out", False),
])
def test_red_flags_of_butchers_singers_and_joiners(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_a_cold_rooms_chiller_is_no_fever(demo: SearchIndex) -> None:
    # "chiller" is read as "chills" once corrected; a cold room's door is named as a harmless cause
    notices = demo.search(SearchRequest(q="knocked my head on the chiller door, little lump, otherwise fine")).notices
    assert not any("infection" in n for n in notices)


@pytest.mark.parametrize(("text", "flagged"), [
    ("piss looks like coke after a scorching day hauling timber and a run, arms and thighs swollen", True),
    ("went headfirst into the doorframe, now my vision is blurry and I can't keep my eyes open", True),
    ("a branch dropped on the helmet this morning, since then I've been sick and the headache's getting worse", True),
    # the bottom rung of a ladder, legs weak after a marathon and improving, a pillow between the knees
    ("slipped off the bottom rung of the ladder, about a metre, bruised hip but walking fine", False),
    ("legs went weak on the stairs after the 50k, three days on now and it's improving", False),
    ("kneecap aches at night with my knees bent, a pillow between my knees helps", False),
])
def test_red_flags_of_arborists_barbers_and_sign_writers(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # a body part named in French or Italian, with its place said in English
    ("outer side of my genou starts aching 20 minutes into every run", {"1046", "1002"}),
    ("the front of my hanche feels short after a day at the desk", {"1008", "1052", "1072"}),
    ("bas du dos aches after my longest runs of the week", {"1032"}),
    ("polpacci tight all the time even though I stretch them", {"1005"}),
    # "don't" for "doesn't": the knee that will not go forward is the ankle
    ("when I squat my knee don't go forward past my toes and my heels come up", {"1019"}),
])
def test_body_parts_in_french_and_italian_and_a_knee_that_dont_go_forward(demo: SearchIndex, text: str,
                                                                          best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # a body part in another language; a nip; an accident without the urge; fumes; smoke; pillows
    ("back from a long-haul flight and my mollet is swollen, warm and sore", True),
    ("felt a pop behind the talon on the hill", True),
    ("a collie nipped me on the ankle during my run, it broke the skin", True),
    ("back aching and I had an accident at work, didn't even know I needed to go", True),
    ("headache and nausea after warming up in the garage with the engine running in there", True),
    ("still coughing up soot the morning after the bonfire, chest tight on my jog", True),
    ("I cant breathe lying flat since last week, have to sit up in bed", True),
    # an unstable "wonky" ankle, a tired foot that slaps, a knee puffy with the fever denied, legs that loosen
    ("wonky ankle keeps threatening to turn on rocky trails", False),
    ("my foot sort of slaps in the last mile when I'm knackered", False),
    ("knee warm and a bit puffy after kneeling to tile the bathroom, no fever", False),
    ("legs swollen feeling and sore the day after the hill sprints, loosening up now", False),
])
def test_red_flags_of_fire_crews_posties_and_dancers(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # "sheen" for "shin", as voice typing hears it; a footstrike to choose, heels or toes
    ("front of my sheen aches when I walk downhill", {"1062"}),
    ("should I land on heels or toes to stop my shins hurting", {"1044"}),
])
def test_voice_typed_shins_and_a_footstrike_to_choose(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # a helmet clipped; a fear named, then something everyday
    ("a tile slid off the roof and clipped my helmet, now I feel sick and my headache is getting worse", True),
    ("afraid I tore my achilles, it's only stiff first thing and loosens up", False),
    ("i'm convinced every little twinge is a stress fracture, legs just feel heavy before the race", False),
    # both sides the same, feeling back once the kit is off, swelling going down day by day
    ("calves ache and feet a bit puffy after a long shift on my feet, both sides the same", False),
    ("fingers go numb in my tight winter gloves, feeling comes back as soon as I pull them off", False),
    ("twisted my knee on a wet step and it popped, puffy for days but the swelling is going down each day", False),
])
def test_red_flags_of_miners_factory_workers_and_surfers(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # a season without running; a big hill charged down
    ("didn't run all winter, how do I ease back into it", {"1069"}),
    ("knees sore after charging down the big hill at parkrun", {"1029"}),
])
def test_a_season_off_and_a_big_hill_run_down(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


def test_a_shouted_it_is_the_pronoun(demo: SearchIndex) -> None:
    # In capitals the whole way ("AM I DOING IT WRONG"), IT is no IT band.
    shouted = demo.search(SearchRequest(q="WHY do my hips SAG in a plank, AM I DOING IT WRONG"))
    top = [hit.id for hit in shouted.hits[:3]]
    assert not {"1002", "1022", "1046"} & set(top)
    assert first(demo, "IT band tight after long runs") in {"1002", "1022", "1046"}


@pytest.mark.parametrize(("text", "flagged"), [
    ("a rugby boot to the jaw, now my headache is getting worse and I threw up", True),
    # breathing too fast, a calf stretched out for a minute, ankles swollen by a flight and gone by morning
    ("lips and fingers tingle when I hyperventilate at the start of a race", False),
    ("stretched my calf out for a minute after the cramp and it eased", False),
    ("calves sore and ankles swollen after the long-haul flight, gone by next morning", False),
])
def test_red_flags_of_pilots_groomers_and_referees(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "flagged"), [
    ("headache hit like a thunderclap halfway up the hill, then I was sick", True),
    # tender along the bone rather than at a spot; nothing red and normal after a walk; an ache gone
    # by the next day; a numb bum back the moment the reader stood
    ("shins tender along a long stretch of bone rather than a spot, better after a few easy days", False),
    ("lower leg tight and a little swollen after the long drive, nothing red, normal after walking about", False),
    ("quads ache at night after a long hike, gone by the next day", False),
    ("bum went numb on the hard pew, came back the moment I stood up", False),
])
def test_red_flags_of_funeral_staff_acrobats_and_guides(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "flagged"), [
    # a calf red and hot after an operation; breathless on a walk with puffy ankles, or up the stairs;
    # an Achilles "at the back of me heel"
    ("three weeks after my knee op the calf on that side is red and hot", True),
    ("out of puff walking to the car these days and my ankles are puffy by the evening", True),
    ("winded walking up my own stairs lately, and it's getting worse", True),
    ("a pop at the back of me heel on the stairs, now I can't push off or get up on tiptoe", True),
    # a vibrating tool's tingle that goes off; every niggle feared as a fracture in the taper
    ("fingers tingle after an hour on the vibrating tool, goes off after a few minutes", False),
    ("every little niggle feels like a stress fracture in taper week", False),
])
def test_red_flags_of_rail_workers_sweeps_and_lab_scientists(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "flagged"), [
    # a tight chest on the run in someone who smoked, whatever the cold air adds
    ("chest feels tight every time I start running, worse in the cold air, I'm 60 and an ex smoker", True),
    # a door's lock, a red torch, a stool sat on, up from the floor, a night at a bedside, runs squeezed in
    ("knee clicks when I kneel at the lock on the back door, no pain", False),
    ("ankle swelled a bit after I rolled it in the dark, red torch was useless, walking fine", False),
    ("hamstring tingly after hours on a hard stool, goes after a short walk", False),
    ("dizzy for a moment getting up after lying on the floor, went after a few seconds", False),
    ("buttock aches after sitting by her bed all night at the hospital", False),
    ("shins sore along the bone since I squeezed in more runs", False),
])
def test_red_flags_of_magicians_astronomers_and_locksmiths(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "flagged"), [
    # the hours after a dive; a calf that went and will not lift the heel
    ("knees ache deep in the joint an hour after surfacing from a deep dive", True),
    ("skin on my chest went blotchy and marbled after the dive", True),
    ("something went in my calf on the hill and now I'm walking with a flat foot", True),
    ("couldn't stand on tiptoe after my calf went pop at the start of parkrun", True),
    # a calf that still goes on tiptoe; water drunk and the headache eased; elbows leant on; a track's bends
    ("pop in my calf on the hill but I could walk on it and go on tiptoe, just sore", False),
    ("headache after a hot long run, drank loads of water and it eased off", False),
    ("fingers tingle when I lean my elbows on the desk, goes away when I move", False),
    ("my knee hurts on the bends of the track", False),
])
def test_red_flags_of_potters_kitchen_fitters_and_divers(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # old injuries listed before the one asked about, by a year or "years ago", or under "history:"
    ("old hamstring tear 2017, a calf strain in 2020. the front of my hips feels short after sitting all day",
     {"1008", "1052", "1038"}),
    ("sprained both ankles years ago, plantar fasciitis last year. these days my upper back aches between the "
     "shoulder blades at my desk", {"1043"}),
    ("tore my calf in 2015 and had shin splints in 2019. my knees ache going down stairs", {"1057"}),
])
def test_an_injury_history_before_the_question(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


def test_an_old_injury_that_lasts_or_began_this_one_is_the_question(vocab: Vocabulary) -> None:
    # Set aside: a dated old injury, when the reader names what hurts now.
    said = " ".join(m.surface for m in vocab.taken_back("hamstring pull in 2019, now my calf cramps on hills"))
    assert "hamstring" in said and "calf" not in said
    said = " ".join(m.surface for m in vocab.taken_back("history: PF 2017, ITB 2019. calves always tight"))
    assert "pf" in said.lower() and "itb" in said.lower() and "calves" not in said
    # Kept: the old injury still felt, the date the pain began from, or nothing else named.
    for text in ("broke my ankle years ago and it's still stiff, my knee won't go over my toes",
                 "calf has ached since 2023 and my knee is fine",
                 "broke my foot in 2019, it's ached on and off ever since"):
        assert vocab.taken_back(text) == [], text


@pytest.mark.parametrize(("text", "flagged"), [
    # a side between "my" and the heel; a chest like a strap in the first mile; a wee not felt; a
    # thigh kneed that keeps swelling; someone's asthma the runner has not got
    ("heard a snap at the back of my L heel and now I can't get up on my toes", True),
    ("my chest goes heavy, like a strap round it, in the first mile of my run", True),
    ("low back agony and I couldn't really feel when I needed a wee, dribbled a bit", True),
    ("took a knee to the thigh at training, it keeps swelling and the pain is insane even when I don't move it", True),
    ("mum's chest gets tight in the first km of parkrun, she says it's her asthma but she hasn't got asthma", True),
    # a fracture years healed; a grinder's tingle; a header's headache gone by the morning; a shoulder
    # lain on; a session on an empty stomach; a calf after an operation that eases as it is walked;
    # tired feet heard slapping late in a run; a pain gone at rest; a tight groin
    # after sprints that takes a stand on one leg
    ("stress fracture in my shin in 2016, healed fine, want a drill for my cadence", False),
    ("forearms tingle after the angle grinder, goes off in the tea break", False),
    ("headache after heading the ball at training, gone by the morning", False),
    ("shoulder aches at night if I lie on it, fine on the other side", False),
    ("light-headed after the session, hadn't eaten since lunch", False),
    ("calf tight the morning after my first run since the op, eases after walking about", False),
    ("last 5k of the long run I could hear my feet slapping down and my shins were burning", False),
    ("knee hurts when I jump, when I rest it goes", False),
    ("groin tight after the 400s, eases with a walk, can stand on one leg fine", False),
])
def test_red_flags_of_roofers_skaters_and_diaries(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # a misspelling listed among a trigger's words is still corrected; a word joined to a stop word
    ("my cadance is too low, how do I raise it", {"1006", "1056"}),
    ("my foot lands way out infront of me", {"1011"}),
    # the knee kept from the wall; the back of the thigh placed between its ends
    ("can't get my knee anywhere near the wall in the lunge test", {"1019"}),
    ("sudden grab halfway between my bum and my knee in a sprint", {"1013"}),
    # a kind of post the reader wants something stronger than
    ("heel still kills first thing, been doing the ball and towel stretch for weeks, is there something stronger "
     "than stretching", {"1050"}),
])
def test_misspelt_and_joined_words_a_wall_out_of_reach_and_something_stronger(demo: SearchIndex, text: str,
                                                                              best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # the low back called the kidneys; a calf puffier after a flight; puffed after an operation;
    # sciatica in both legs whatever the ride; a punch in sparring; a heart like a machine gun; an
    # accident not felt coming
    ("kidneys have ached since I lifted the sofa, now my bum feels numb like after the dentist and I'm struggling to "
     "get my wee started", True),
    ("left calf feels tight and puffier than the right since the flight, warm to touch", True),
    ("two weeks after my hip op I'm puffed walking to the shop and it hurts when I breathe in", True),
    ("sciatica down both legs since the long bike ride at the weekend", True),
    ("took a punch in sparring, the headache has got worse since and I've been sick", True),
    ("heart like a machine gun on the run and it doesn't come down when I stop", True),
    ("sciatica back again and I had an accident, didn't even feel it coming", True),
    # ectopics a cardiologist called harmless; a calf bruised where the bike fell on it; a spot sore
    # after push ups; a numb seat that comes back; a back fine in its own bed; pins and needles gone
    # once stood; a calf jammed at the ankle, one side worse than the other
    ("odd skipped beat on the sofa, cardiologist said its harmless ectopics", False),
    ("lower leg bruised and a bit swollen where the bike fell on it, pain getting less each day", False),
    ("one spot on my chest sore when I press it after 100 push ups", False),
    ("numb backside after hours in the saddle, feeling comes back once I'm off, pees fine", False),
    ("back aches at night when I crash on the sofa after work, fine in my own bed", False),
    ("pins and needles in my foot after sitting too long, gone within a couple of minutes of standing", False),
    ("calf jammed at the bottom where it meets the top of the foot when I squat, left is way worse", False),
])
def test_red_flags_of_bikers_door_staff_and_food_trucks(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # one-leg calf raises counted: the calves' capacity
    ("can only do about 10 one-leg heel raises before my calves give out, shins sore, how do I build that", {"1040"}),
    ("how many single leg calf raises should a runner manage", {"1040"}),
    # something else in place of what hurts; a kind done already; the knee far from the wall; core standing up
    ("ache deep in the buttock that creeps down the back of the thigh on long drives, pigeon hurts my knee, what else "
     "can I try", {"1060"}),
    ("I stretch my inner thighs already, want to make them stronger", {"1049"}),
    ("in the lunge towards the wall my knee gets nowhere near it", {"1019"}),
    ("core stuff I can do standing up, I wobble late in races", {"1030"}),
])
def test_calf_raises_counted_an_alternative_and_a_kind_done_already(demo: SearchIndex, text: str,
                                                                    best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # a gate into the head; ribs squashed; a heart suddenly fast; an Achilles gone bang with a dip; one
    # little spot on the shin; puffing with swelling ankles; not sweating and talking nonsense
    ("a horse kicked the stable door into my head, been sick since and I keep forgetting what I was doing", True),
    ("squashed against the gate by a cow, ribs are agony and I can't take a proper deep breath", True),
    ("heart suddenly went really fast on my jog and took ages to settle", True),
    ("achilles went bang on the track and there's a dip in it you can feel", True),
    ("one little spot on the inside of my shin hurts like crazy and it gets worse every run", True),
    ("puffing just walking to the shop and my ankles are swelling up", True),
    ("came back from a hot run not sweating and talking nonsense", True),
    # a hip eased by turning over; an Achilles that cracks without pain; an old mattress; numb from a
    # bucket and gone on standing; a tender bit that moves
    ("hip ache wakes me if I roll onto that side at night but settles as soon as I turn over", False),
    ("achilles cracks and pops when I circle my ankle, no pain, calf raises fine", False),
    ("back aches at night on my old mattress, fine lying on my back", False),
    ("leg went numb sitting on a bucket, went as soon as I stood up", False),
    ("hamstring grab at parkrun, the tender bit seems to move up towards my sit bone", False),
])
def test_red_flags_of_zookeepers_quarry_workers_and_wedding_staff(vocab: Vocabulary, text: str,
                                                                  flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # a body part ruled out first, where a clause opens
    ("not my neck, not my lower back. the middle of my back feels locked and won't turn when I run", {"1026"}),
    ("not my neck, not the low back. the tight bit is between my shoulder blades after the laptop all day", {"1043"}),
    ("no pain at the knee, just the side of my hip tires and my hip drops when I land", {"1007", "1068"}),
])
def test_a_body_part_ruled_out_first(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # a crushing chest with sweat and sickness, whatever strain is hoped for
    ("crushing pain in my chest humping the kit in, sweating buckets and felt sick, pulled a pec?", True),
    # a wrist that moves fine; hands shaken out; ankles puffy after a plane; a calf tight as a drum that
    # loosens; coffee's skipped beat; toes back to pink; a foot that flops out lying down; a rolled ankle
    # not sore on the bone
    ("fell on my hand, wrist a bit sore but normal shape and moves fine", False),
    ("hands tingle at night after a day of drilling, shake em out and it goes", False),
    ("both ankles puffed up a bit on the plane, all gone by next morning", False),
    ("calf tight as a drum after the long run, bit sore but no swelling and it loosened off after a walk", False),
    ("odd skipped beat on the sofa after too many coffees, never when I'm running", False),
    ("toes numb on a winter walk, came back pink and normal by the fire", False),
    ("lying down my right foot flops out more than the left, deep ache in my buttock", False),
    ("rolled my ankle weeks ago, swelling's gone, not sore on the bone, just wobbly", False),
])
def test_red_flags_of_roadies_glaziers_and_rangers(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # where a spreading pain stops is not where it hurts
    ("butt ache on long drives that runs down the back of my leg and stops above the knee, worse going up stairs",
     {"1012", "1060"}),
    # something to do before setting off is a warm-up
    ("what's worth doing before I set off for a 5k? the first mile always feels awful", {"1017"}),
    ("first km always feels like lead, what should i do before i go", {"1017"}),
    # a kind tried to no effect, in a word
    ("stretching my hip flexors for months, zilch, front of the hip still tight, what else", {"1038"}),
])
def test_where_a_pain_stops_a_warm_up_and_a_kind_tried_in_vain(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # a flag read from groups of words, all of them by a past year, is history; not when it is said again now,
    # nor when the history is itself the warning, nor for a year a confused runner takes for now
    ("dislocated shoulder 2012 playing rugby. these days my knee aches on stairs", False),
    ("my shoulder came out in 2012 and it came out again this morning, it looks flat", True),
    ("prostate ca 2015, now my hip aches at night and won't settle", True),
    ("my brother got muddled after the long run in the heat, thinks its 2015, skin burning hot and not sweating", True),
    # a knock followed by the same question asked again and again; a finger pointing off sideways; a kick
    # at the heel with nobody near; weight lost while eating plenty; a racing heart that flips back to normal
    ("after he fell off the wall he keeps asking me the same thing, is that normal", True),
    ("ring finger pointing off sideways after I fell on it", True),
    ("felt a thwack at the back of my heel on the court, nobody was near me, now i walk flat footed", True),
    ("lost a stone in six weeks, eating loads, back aches all the time", True),
    ("heart shot to 220 on an easy jog, stayed there, then suddenly flipped back to normal", True),
    # shins sore along a stretch with hopping fine; a finger caught on the ball; ankles puffy both sides gone
    # by morning; a wrist that moves ok with the swelling going down
    ("shin ache spread along the inner edge after hills, nothing pinpoint, hopping on either leg is fine", False),
    ("catching the ball bent my thumb back, bit swollen but bends fine", False),
    ("calves achy after the long shift, ankles puffy both sides but gone by morning", False),
    ("fell off the bike onto my hand, wrist sore but moves ok and the swelling going down", False),
    # counted calf raises that stop rising is no leg that cannot bear weight
    ("on the stairs doing one-leg calf raises, by 15 I can't get up as high on the right, inner shin aches", False),
])
def test_red_flags_of_ferry_crews_jockeys_and_dentists(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # where a spreading pain stops sets aside only the body part that bounds it, commas or none
    ("deep ache in my bum goes down the back of my thigh stops above the knee pigeon pose kills my knee another way "
     "to stretch it", {"1060"}),
    # one hip sagging or dropping, said in everyday words
    ("one side of my hips kind of drops down when I run, what should I work on", {"1007", "1068"}),
    # relief that does not last is a kind that does not help
    ("adductors tight after hill reps, stretching only helps for an hour, want them stronger", {"1049"}),
    ("inner thighs tight after football, stretching helps a bit but I'd like them stronger", {"1049"}),
])
def test_a_pain_bounded_a_hip_that_sags_and_relief_that_does_not_last(demo: SearchIndex, text: str,
                                                                      best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # an arm gone heavy with jumbled words, passed or not; a calf fat and shiny after a knee scope; pressure
    # behind the breastbone on climbs; nearly not making the loo with a bad back; a boom to the head, then
    # sick; breathless stopping on a short walk; a neck with an arm weaker by the day
    ("at breakfast my arm went heavy and my words came out all jumbled, gone in ten minutes", True),
    ("knee scoped last week, sat about since, now my calf is fat and shiny and I can't get my sock on", True),
    ("heavy pressure behind my breastbone on every climb, goes off when I stop", True),
    ("nearly didnt make it to the loo twice today and my back's been killing me since lifting the sofa", True),
    ("whacked by the boom yesterday, sick this morning and my head is pounding", True),
    ("neck sore since a fall on the slopes, now my left arm's getting weaker by the day", True),
    # harmless: a leak unchanged since a baby; a faint in church; a wrist fine since; a hip fine rolled over;
    # a graze with nothing spreading; a numb bum back on shifting; a clicking Achilles that does not hurt
    ("leak a bit when I sneeze, since my second baby, nothing new, back stiff after gardening", False),
    ("my daughter fainted in church, stuffy and she'd not eaten, came round at once", False),
    ("fell on my wrist in the autumn, sore for a few days, fine since, full strength, bit stiff in the cold", False),
    ("outer hip aches at night lying on that side, sore to press the bony bit, fine if i roll over", False),
    ("scraped my knee on the gravel, pink round the edge but nothing spreading", False),
    ("bum goes numb sitting on the boat's bench for ages, comes back as soon as I shift about", False),
    ("back of my ankle pops loudly doing ankle circles but doesnt hurt at all, up on my toes is fine", False),
])
def test_red_flags_of_bell_ringers_tailors_and_sailors(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "aside"), [
    ("ache down the back of my thigh stops above the knee pigeon pose kills my knee", ["stops above the knee"]),
    ("ache down the back of my thigh, never past my knee", ["never past my knee"]),
    ("side planks but i feel it in my neck more than my side", ["feel it in my neck"]),
    ("ache in my bum that stays above the knee", ["stays above the knee"]),
    # no body part bounds it: nothing set aside
    ("the pain stops above the bench line", []),
])
def test_a_limit_sets_aside_only_the_body_part_that_bounds_the_pain(vocab: Vocabulary, text: str,
                                                                   aside: list[str]) -> None:
    assert [m.surface for m in vocab.taken_back(text)] == aside


@pytest.mark.parametrize(("text", "best"), [
    # where an exercise is felt is not what the reader asks about: the exercise is
    ("glute bridges, I only feel it in my hamstrings, not my bum", {"1024"}),
    ("banded side steps but I feel it in the front of my thigh, not the side of my hip", {"1068"}),
    # the heel landing out in front
    ("slow motion video shows my heel out front on every step", {"1011"}),
])
def test_an_exercise_felt_in_the_wrong_place_and_a_heel_out_front(demo: SearchIndex, text: str,
                                                                  best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # sight dimmed in one eye; height lost after something gave; a heel that hurts squeezed from both sides;
    # a back that wakes every night, not better for rest
    ("out walking the sight in one eye went dim for a few minutes, all back now", True),
    ("I'm 72, coughed hard and felt something give in my back, sharp pain since and I've lost a bit of height", True),
    ("heel hurts on both sides when I squeeze it and it's getting worse every week", True),
    ("backache wakes me every night whatever position, not any better after rest days", True),
    # harmless: a chest sore to press or twist; "a bit swollen" by a cricket bat; a headache from hunching that
    # eases; a tingle gone on swapping arms; pink pee after beetroot; a leg not yet steady enough for socks;
    # an ankle "torsion" (a sprain, in Spanish and Portuguese)
    ("chest sore after moving furniture, hurts if I press the spot or twist", False),
    ("jammed my thumb on the bat at cricket, a bit swollen but bends fine", False),
    ("headache at the back of my head from hunching at the laptop, eases when I stretch my neck", False),
    ("hand tingles carrying the shopping, fine once I swap arms", False),
    ("sprained it a month ago, still can't stand on that leg to put my socks on without wobbling", False),
    ("had a torsion in my ankle last year, now want to work on mobility", False),
])
def test_red_flags_of_glassblowers_organists_and_falconers(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # the knee short of the toes in a squat is the ankle's bend
    ("right ankle stiff, can't get my knee as far forward as the left when I squat", {"1019"}),
    # something to do before a session is a warm-up
    ("what should we do before a session so the first rep doesn't feel awful", {"1017"}),
    # a plank felt in the low back instead of the stomach is a plank done wrong
    ("every plank my low back aches instead of my stomach, is my form off", {"1061", "1004"}),
])
def test_a_squat_short_of_the_toes_a_session_warm_up_and_a_plank_in_the_back(demo: SearchIndex, text: str,
                                                                             best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # a bang at the heel with no push off; a calf shiny and throbbing after an operation; back pain worse
    # lying down, pacing every night; a pee not felt after the back went; a lower leg bigger round after a
    # week in bed; a shin spot under one fingertip
    ("sprinting for the bus felt a bang at the back of my heel, now no push off at all", True),
    ("two weeks after my hip op the calf is tight, shiny and throbbing", True),
    ("low back pain worse lying down than standing, up pacing the kitchen every night", True),
    ("my back went lifting the mower and I didn't feel myself pee this morning", True),
    ("after a week in a hospital bed my lower leg is red and visibly bigger round than the other", True),
    ("I can put one fingertip on the sore bit of my shin and it hurts to press, worse each week", True),
    # harmless: a numb patch under a tool belt that goes at weekends; a tingle shaken off; a rolled ankle
    # whose bones do not hurt to press
    ("numb patch on the outside of my thigh where my tool belt sits, goes off at weekends", False),
    ("rolled my ankle, doesn't hurt when I press on the bones, just puffy and stiff", False),
])
def test_red_flags_of_thatchers_blacksmiths_and_bookbinders(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # a heel that lifts before the knee gets forward in a squat is the ankle's bend
    ("squatting my left heel lifts before my knee gets anywhere near as far as the right", {"1019"}),
])
def test_a_heel_that_lifts_first(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # half the face dropping with words coming out wrong; a calf hot to the touch after a bunion operation; wee
    # the colour of stout; an arm hanging wrong with a hollow at the shoulder; gasping on the flat after a cold
    ("my wife says half my face was dropping after my run and my words are coming out wrong", True),
    ("had my bunion done last week, foot in a boot, now the calf is reddish and hot to the touch", True),
    ("lifted kegs all day then ran, thighs swollen and my wee is the colour of stout", True),
    ("fell on the ice onto my shoulder, arm hanging wrong and there's a hollow where the top of my shoulder should be",
     True),
    ("after a cold I'm gasping on the flat and my heart is pounding lying in bed", True),
    # harmless: a numb seat back on getting up; a disc cutter's tingle; a hip fine turned over; shins along the
    # inside edge that settle with days off
    ("bum goes numb on the train seat, comes back soon as i get up", False),
    ("hands tingle after using the disc cutter, wears off by lunch", False),
    ("hip aches at night on that side, sore to press the bony bit, fine if i turn over", False),
    ("shins ache along the inside edge of the bone, settle after two days off, worse when i add miles", False),
])
def test_red_flags_of_stonemasons_clockmakers_and_coopers(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # a plank's hips drooping toward the floor
    ("as an ex gymnast I can hold a plank 3 min but by the end my hips are drooping toward the floor",
     {"1004", "1061"}),
])
def test_a_plank_whose_hips_droop(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # a calf gone hot after a bunion operation
    ("ten days after my bunion op the calf has gone hot and tight and hurts to walk on", True),
    # harmless: legs weak the day after a marathon, better each day; a numb seat gone on walking about; a rolled
    # ankle whose swelling has mostly gone and whose bone is not sore
    ("legs weak and wobbly the day after my marathon, a bit better each day", False),
    ("numb bum after 3 hrs on the coach, went away a few minutes after i got up and walked about", False),
    ("rolled my ankle, swelling's mostly gone and the bone isn't sore, just wobbly", False),
])
def test_red_flags_of_saddlers_weavers_and_milliners(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # a kind kept at for weeks or months is one the reader has done: the next step, not more of it
    ("done the towel stretch in bed every morning for a month for my heel, what's the next step", {"1050"}),
    ("after two months of rolling a ball under my foot the first steps out of bed are the same, what else", {"1050"}),
    # the blog's test of the calves, reported as a count
    ("my calves gave out after 11 one leg raises and the inside of my shin aches", {"1040"}),
    ("physio had me do single leg raises and i could only do about 10 before my inner shin ached", {"1040"}),
    # the soleus: low down near the heel
    ("wall stretch gets the top of my calf but the tight spot low down near my heel never lets go", {"1005"}),
    # a place where an exercise is felt is not what the reader asks about
    ("crab walks with a band round my knees and i feel it in the front of my hip, never the side", {"1068"}),
])
def test_a_kind_kept_at_for_weeks_a_count_of_calf_raises_and_an_exercise_felt_in_a_place(
        demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


def test_a_limit_sets_aside_the_place_that_bounds_it(vocab: Vocabulary) -> None:
    text = "crab walks with a band and i feel it in the front of my hip, never the side"
    assert [m.surface for m in vocab.taken_back(text)] == ["feel it in the front of my hip"]


@pytest.mark.parametrize(("text", "flagged"), [
    # a shin crushed, tight as a drum; a calf gone fat after a knee scope; muddled and sick after a hot race;
    # a calf squeezed and the foot not moving
    ("dropped a paving slab on my shin, it's swollen tight as a drum and agony when i move my toes", True),
    ("two weeks after my knee scope the calf on that side is tight and fat", True),
    ("muddled and been sick after the hot half marathon, still feel hot hours later", True),
    ("heard a bang at the back of my ankle on a hill sprint, my mate squeezed my calf and the foot didn't move", True),
    # harmless: a foot asleep from sitting cross-legged, gone on walking; a face tingly from a cold wind; a breastbone
    # sore after carrying furniture, breathing fine; a shin knocked, bruising; an ache from hunching all night
    ("pins and needles in my foot after sitting criss cross for the film, went away after i walked for a minute",
     False),
    ("cheeks tingly and red after a cold windy parkrun, fine once i'm home and warm", False),
    ("sternum sore to press after carrying a wardrobe up the stairs, hurts to twist, breathing fine", False),
    ("shin tender at one spot where i caught it on a kerb, bruise coming out, no swelling", False),
    ("upper back aches from being hunched over a laptop all night, any stretches", False),
])
def test_red_flags_of_upholsterers_bargees_and_map_makers(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "turned"), [
    # kept at for weeks: the kind and those joined to it
    ("foam rolled my quads every evening for six weeks and my knee aches", {"self_massage"}),
    ("after a month of stretching and rolling a ball, my heel", {"stretch", "self_massage"}),
    ("did the towel thing before getting up for six weeks", {"stretch"}),
    # how it feels, kept for weeks, is not a kind tried
    ("calves have felt tight for weeks, which stretch", set()),
    ("hamstrings tight for a month", set()),
    ("lower back has been stiff for months", set()),
    # a kind said not to help is turned down only in its own sentence
    ("my ankles feel weak. tried a brace (helped a bit but rubs)", set()),
    ("tried a brace and strengthening, helped a bit but rubs", {"strengthening"}),
])
def test_a_kind_kept_at_for_weeks_is_turned_down(vocab: Vocabulary, text: str, turned: set[str]) -> None:
    assert vocab.turned_down(text, vocab.intents(text))[0] == turned


@pytest.mark.parametrize(("text", "best"), [
    # the twist a core exercise resists; the foot's own muscles; an ankle the reader wants to stop rolling again
    ("my hips swing round when i run with the pram, any core move to stop the twisting", {"1030"}),
    ("arches feel tired late in my long runs, want to build up the little muscles in my feet", {"1037"}),
    ("went over on my ankle off a stile in spring, how do i stop it rolling again", {"1023"}),
])
def test_a_twist_resisted_the_feet_s_own_muscles_and_an_ankle_kept_from_rolling(demo: SearchIndex, text: str,
                                                                                 best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # a shin gone tight that has not eased; a blow on a tool's back swing, then sick; dark pee with sore swollen
    # muscles; breathless on a run that used to be easy, and pale
    ("shin went crazy tight on my tempo and it's not eased since stopping, three hours now", True),
    ("took a spade handle on the back swing, headache getting worse and i've thrown up twice", True),
    ("quads so sore and puffed after the shearing competition i can't bend my knees, and my piss has gone dark brown",
     True),
    ("used to run an hour easy, now i'm stopping to catch my breath after ten minutes and the wife says i've gone "
     "white as a sheet", True),
    # harmless: a pounding heart that settles; a foot asleep from crossed legs; shins sore along the bone but fine to
    # hop; a flutter after too much coffee; weight lost on more running while eating well; a trip on tired legs; a
    # cramp that goes; a massage ball under the foot
    ("top of the hill i'm puffed and my heart pounds, it settles within a minute or two of easing off, no pain, "
     "dizziness or fluttering", False),
    ("sat with my legs crossed through the whole play, foot went pins and needles, fine within a minute of standing",
     False),
    ("shins ache all along the inside of the bone since i added a run, not one spot, hopping on it is fine", False),
    ("heart did a little flutter after too many espressos this morning, otherwise fine", False),
    ("lost a few pounds since the club runs started, eating loads and feel great", False),
    ("tripped twice at the end of the trail race when my legs were cooked, foot lifts fine otherwise", False),
    ("calf cramps at night, goes as soon as i pull my toes up, nothing swollen, i'm on the pill", False),
    ("massage lady said the fascia under my foot is like a rope, first steps are agony, can i do the ball thing "
     "at home", False),
])
def test_red_flags_of_puppeteers_archaeologists_and_shearers(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # where a spreading pain stays; the IT band described; the foot landing far out in front
    ("deep ache in my left buttock on hills, stays above the knee. pigeon pose hurts my front knee, what else",
     {"1060"}),
    ("that band down the side of my leg feels like a guitar string after the track, which stretch gets it", {"1002"}),
    ("video from my mate shows my foot lands miles in front on every stride, how do i fix it", {"1011"}),
])
def test_a_pain_that_stays_above_the_knee_the_band_down_the_leg_and_a_foot_landing_far_ahead(
        demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # a feverish child who will not stand on a leg; a stiff jaw after a rusty nail; a finger bent sideways; lost
    # on the way home after a hot run; sight gone in one eye; a collapse at a game; a grease gun's jab; clumsy
    # hands and wobbly legs after years of overhead work; a heel sore squeezed from both sides; off food and
    # losing weight with an ache
    ("my boy is 7, won't put any weight on his leg today and he's burning up, no fall", True),
    ("stood on a rusty nail a week ago, now my jaw feels locked and my neck is stiff", True),
    ("jammed my finger on the ball, it's bent off sideways and won't go back straight", True),
    ("after the hot run i couldn't remember the way home and i've been sick", True),
    ("couldn't see out of one eye for a few minutes on my run, all back to normal now", True),
    ("my daughter collapsed at netball with no warning, fine a minute later", True),
    ("got the grease gun tip into my palm, tiny hole but it's swelling and throbbing", True),
    ("years of overhead work, hands gone clumsy and i keep dropping screws, legs feel wobbly", True),
    ("heel hurts when i squeeze it from both sides and it's getting worse every week", True),
    ("hip ache that won't settle, off my food and losing weight", True),
    # harmless: a calf raise that lost height is the calf tiring, not a spine
    ("shins ache after my calf raises, did 12 before i lost height, is that normal", False),
])
def test_red_flags_of_hedge_layers_laundry_workers_and_boatbuilders(vocab: Vocabulary, text: str,
                                                                    flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # where an exercise is felt, said of someone else; a stop forced for weeks, then the comeback
    ("Jess sits all day then can't get her leg back behind her at training, when she tries a lunge stretch she "
     "feels it in her lower back", {"1008", "1052"}),
    ("had to stop running for six weeks with glandular fever, how do i get going again without overdoing it",
     {"1069"}),
])
def test_an_exercise_felt_elsewhere_by_someone_else_and_a_forced_stop(demo: SearchIndex, text: str,
                                                                      best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # a bone that aches at night whichever way one lies; a calf after a drive, then winded with a stab on a big
    # breath; a heart too fast to count that does not slow
    ("shin aches deep in the bone at night, whichever side i sleep on, for weeks", True),
    ("sore calf after the long drive, now winded walking up the garden and it stabs in my ribs when i take a big "
     "breath", True),
    ("heart suddenly goes really fast mid run like buzzing, cant even count it and it doesnt slow when i stop", True),
    # harmless: feet that slap only when tired; a scratch with the jab up to date; a joint puffy after a race with no
    # fever; laces that press; a shoulder sore only when lain on; lying flat late in a pregnancy
    ("her feet start slapping down on the track when she's tired, fresh she can walk on her heels fine and lift her "
     "toes no problem", False),
    ("scratched my hand on a rusty gate, had my tetanus jab last year, just a bit sore", False),
    ("ankle warm and puffy after the trail race, goes down with ice, no temperature and i feel fine in myself", False),
    ("top of my foot sore along the laces since new trainers, fine when i lace them looser, theres no one spot that "
     "hurts to press", False),
    ("shoulder aches at night only when i sleep on that side, fine if i sleep on my back", False),
    ("28 weeks pregnant, lower back achy after runs, i can't lie flat on my back for very long now", False),
])
def test_red_flags_of_wheelwrights_chocolatiers_and_piano_movers(vocab: Vocabulary, text: str,
                                                                 flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # the plank named first, then where it aches; relief that lasts a day; an ankle that has nearly gone again;
    # a knee that will not come as far forward; a switch of footstrike, not of shoes
    ("planks my lower back hurts after thirty seconds", {"1004", "1061"}),
    ("groin tight after speed work, the butterfly stretch helps for a day then it's back, i want it stronger not "
     "looser", {"1049"}),
    ("turned my ankle on the trail last month and have nearly gone over again three times since", {"1023"}),
    ("my knee won't come nearly as far forward on the left when i lunge, that ankle is stiff", {"1019"}),
    ("switched to forefoot running and now my achilles and calves are wrecked", {"1044"}),
])
def test_a_plank_named_first_brief_relief_a_near_sprain_a_stiff_ankle_and_a_new_footstrike(
        demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # urine like coke after a hard session; a jaw and arm that ache carrying a load up a slope; a warm calf on the
    # pill that hurts as the toes are pulled up; a watch's AFib alert; a groin ache now on walks, and standing on
    # that leg hurts; a seat that feels like somebody else's with sciatica in both legs
    ("my piss this morning looks like coke after a brutal leg day, thighs swollen", True),
    ("jaw aches and my left arm goes heavy every time i carry the shopping up the slope, fine after a few minutes "
     "rest", True),
    ("on the pill, sat in a conference for three days, calf is warm and hurts when i pull my toes up", True),
    ("my watch keeps saying possible afib on easy runs", True),
    ("groin ache on runs now turning up on the walk to work, hurts standing on that leg to pull my socks on", True),
    ("sciatica now down both legs and when i wipe it feels like someone else's backside", True),
    # harmless: an ache at night only after long runs that eases with a turn; calves loosened by walking; laces
    # loosened; a numb seat that comes back on climbing down
    ("thigh aches at night only after long runs, eases when i shift position", False),
    ("calves tight the morning after hill sprints, loosens off after walking about", False),
    ("top of my foot sore along the laces, loosened them off and it's fading, no particular spot hurts to press",
     False),
    ("bum goes numb on the tractor seat, comes back once i climb down", False),
])
def test_red_flags_of_crane_drivers_cheesemakers_and_interpreters(vocab: Vocabulary, text: str,
                                                                  flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "flagged"), [
    # a heart gone off like a drum and not steady; a band across the chest on hills with a parent's heart attack,
    # blamed on the pecs; a red patch spreading up a leg with the shivers
    ("heart's gone off like a drum, not steady, had to sit on the kerb", True),
    ("tight band across me chest on the hills, goes off when i stop. dad had a heart attack. is it my pecs", True),
    ("caught my shin on a bollard, red patch spreading up my leg, hot to touch, i feel fluey", True),
    # harmless: numb on the turbo with everything else fine; a seat numb until standing; a hip sore only lain on;
    # fingers numb from ice; pins and needles from kneeling back on the heels; a child's limp after sports day;
    # shins that ache on runs and ease with rest
    ("after an hour on the turbo my bits go numb, wees fine, back fine", False),
    ("hip aches at night only when i lie on that side, roll onto my back and it's fine, sore pressing the bony bit",
     False),
    ("fingers numb handling ice at work, fine under the warm tap", False),
    ("pins and needles in my feet after sitting back on my heels, gone after a couple of mins", False),
    ("my son was limping after sports day, no temp, fine by teatime", False),
])
def test_red_flags_of_fishmongers_tilers_and_traffic_wardens(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # the forefoot run on; how long to hold a plank; shoulders rounded forward at a laptop, not a sore shoulder
    ("since a month i run on the forefoot and now both calves are wrecked", {"1044"}),
    ("how long should i hold a plank? my lower back aches after two minutes", {"1004", "1061"}),
    ("shoulders rounded forward from the laptop, ache between my shoulder blades on runs", {"1043"}),
])
def test_a_forefoot_run_on_a_plank_held_and_shoulders_rounded_forward(
        demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # a bang at the heel "as if somebody hit me" and no tiptoe; words jumbled and an arm gone floppy; hardly any
    # pee, and brown, after a race
    ("heard a Knall at the back of the heel, thought somebody hit me, now i can not go on the tiptoes", True),
    ("dad's words are coming out jumbled and his arm's gone floppy", True),
    ("legs rock hard after the race, hardly weed since and what came out was brown", True),
    # harmless: a night's dancing; a trigger gripped; a fall with a full grip; faint from a skipped breakfast; the
    # ball rolled under a heel; a foot that turns out, told by the shoe's wear
    ("shins ache after dancing all night at the party, better after a day off", False),
    ("tingly fingers holding the hose trigger for ages, goes when i put it down", False),
    ("fell on my hand on the ice, wrist ached for a day, full grip now", False),
    ("felt a bit faint after my run cos i skipped breakfast, had a banana", False),
    ("i roll the ball every morning but the heel pain is still there", False),
    ("my left foot turns out and the shoe wears on the outer edge", False),
])
def test_red_flags_of_pest_controllers_caretakers_and_ushers(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # planks timed in seconds, the low back aching in them
    ("doing 45 sec planks and my lower back hurts by the end", {"1004", "1061"}),
])
def test_planks_timed_in_seconds(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


def test_a_pain_that_stops_well_above_the_knee_is_not_a_knee_search(vocab: Vocabulary) -> None:
    tokens = plan("ache in my bum that goes down the back of my thigh but stops well above the knee", vocab).tokens
    assert not any(t.kind == "concept" and t.key == "knee" for t in tokens)


@pytest.mark.parametrize(("text", "flagged"), [
    # a stone thrown at the back of the ankle; a leg run over and getting tighter; winded on a hill with puffy
    # ankles
    ("felt like somebody threw a stone at the back of my ankle and now i cant push off", True),
    ("a van ran over my foot and lower leg, getting tighter and tighter", True),
    ("stopping to catch my breath on the hill these days and my ankles are puffy by the afternoon", True),
    # harmless: pins and needles from sitting cross-legged; a pop, walked and hopped on; a knee puffy after a scope
    # with the calf fine; a tingle that a swap of shoulders ends
    ("pins and needles in my leg after sitting cross-legged, went away after walking about", False),
    ("ankle swollen after i heard a pop, but walking on it fine and can hop on it", False),
    ("knee still puffy two weeks after the knee scope, calf is fine", False),
    ("arm goes tingly carrying the bag, comes right back when i switch shoulders", False),
])
def test_red_flags_of_crossing_patrols_rope_access_workers_and_caddies(vocab: Vocabulary, text: str,
                                                                      flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # relief that lasts only in the short term
    ("stretching my groin only helps short term, i want to make it stronger", {"1049"}),
])
def test_relief_only_in_the_short_term(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # a heart going like the clappers, not even a steady beat; a flight of stairs not managed without stopping
    ("mid run my heart goes like the clappers, not even a steady beat, then stops dead", True),
    ("can't manage one flight of stairs at work without stopping now, i used to run marathons", True),
    # harmless: a flutter after loads of coffee; aches with a cold; feet slapping when tired late in a marathon; a
    # tingle in a hamstring stretch; feet that turn out in a squat
    ("heart flutters now and then on the sofa after loads of coffee, fine running", False),
    ("got a cold with a bit of a temperature and my legs ache, rest till it's gone?", False),
    ("my feet slap down in the last few miles of a marathon when im knackered, fine next day", False),
    ("hamstrings tight, get a bit of tingling behind the knee when i lean forward to stretch them", False),
    ("my feet turn out and my heels come up when i squat", False),
])
def test_red_flags_of_funfair_workers_road_sweepers_and_telecom_engineers(vocab: Vocabulary, text: str,
                                                                         flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "flagged"), [
    # a blow at the back of the ankle from nobody, a dip above the heel; a forearm trapped, pain off the scale; a
    # blackout on a run
    ("like someone hit the back of my ankle with a stick, nobody there, now there's a dip above my heel", True),
    ("forearm got trapped in the press door, swelling fast and the pain is off the scale when i straighten my "
     "fingers", True),
    ("had a blackout on my run yesterday, no warning", True),
    # harmless: a skip ladder; a breaker's vibration; a shin ache that rest reduces
    ("heart pounding after climbing the skip ladder, settles in a minute", False),
    ("tingly fingers after the breaker, goes off by tea break", False),
    ("shin aches along the inside and it reduces when i rest a couple of days", False),
])
def test_red_flags_of_scrapyard_workers_fruit_pickers_and_draymen(vocab: Vocabulary, text: str,
                                                                  flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # the plank as the reader's own verb or daily habit
    ("i plank every day and my lower back aches afterwards, what am i doing wrong", {"1004", "1061"}),
    # the foot's own muscles said with "your"
    ("do the little muscles in your foot need work if my arches ache after runs", {"1037"}),
    # a break said by its length, the old load wanted back
    ("six weeks no running over the summer, can i go back to my usual 50k a week", {"1069"}),
    # a warm-up said as what comes before intervals
    ("i only do static holds before my intervals, what should i do instead", {"1017"}),
    # the soleus said "down low near the heel"
    ("tight bit down low near my heel after runs, what should i stretch", {"1005"}),
])
def test_a_plank_habit_the_foot_s_own_muscles_a_break_by_its_length(demo: SearchIndex, text: str,
                                                                   best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # a heart galloping off; a wrist with a bend in it after a fall; urine like tea with swollen aching limbs; a
    # spot on a bone that throbs in bed; an arm bone aching every night whatever the position; a calf named as the
    # back of the shin, swollen and warm after a flight
    ("on a hill rep my heart went galloping and stayed up there, felt sick", True),
    ("fell off the step ladder and my wrist's got a bend in it now", True),
    ("legs swollen and agony after the heatwave shift and i'm pissing tea coloured", True),
    ("one spot on my foot bone i can point to and now it throbs in bed", True),
    ("my upper arm bone aches every night and no position helps", True),
    ("back of my shin swollen and warm since the long flight home", True),
    # harmless: a numb seat after a long ride, back to normal, peeing normal; night sweats in a hot spell; a knee
    # scope with the calf soft; a hip flexor where the legs join the tummy; teasing from the lads
    ("numb down below after 2 hours on a new saddle, back to normal within the hour, peeing normal", False),
    ("sweating at night after evening runs in this heat, no other symptoms", False),
    ("a week after my knee scope the knee is puffy but the calf soft and fine", False),
    ("tight where the legs join the tummy after sitting, can't stand up straight for a moment", False),
    ("face bright red after my run, fine after a shower, my mates take the piss", False),
])
def test_red_flags_of_farriers_auctioneers_and_lift_engineers(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "flagged"), [
    # a calf fatter than the other on the pill; a fingertip-sized spot on the shin; ankles puffy with a cough
    # lying flat; lips gone bluey; a jaw that aches on the steep bit
    ("on the pill and laid up with flu for a week, now one calf is fatter than the other", True),
    ("a fingertip sized spot on the inner edge of my shin, worse every week", True),
    ("ankles puffy every evening and i cough when i lie flat", True),
    ("puffing on the hill and my wife says my lips are bluey", True),
    ("my jaw aches every time i push up the steep bit of the road", True),
    # harmless: a tingle from an elbow leant on, or from the subs bench; faint out of a hot bath; a day's run
    # skipped; a shin sore down the inside edge; a headache from squinting; ankles puffy after a drive, gone by the
    # morning
    ("little fingers tingle after i've leant my elbow on the desk, goes when i move my arm", False),
    ("leg tingly after an hour on the subs bench, fine soon as i was up", False),
    ("felt faint getting out of a hot bath after my long run, fine a minute later", False),
    ("my heart says run but i feel guilty skipping a day", False),
    ("sore shins down the inside edge, achy along the shin bone, worse after long runs", False),
    ("headache at the back of my head from squinting at screens all day", False),
    ("ankles puffy after a long drive, gone by the morning, calves not sore", False),
])
def test_red_flags_of_turbine_technicians_piano_tuners_and_wallers(vocab: Vocabulary, text: str,
                                                                  flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # a ball and towel kept at with little to show, loading asked for in the research's words
    ("Morning heel pain for eight weeks, first steps are the worst. I roll a ball under my arch and do a towel "
     "stretch in bed, with limited benefit. Is there a loading-based programme worth trying?", {"1050"}),
    # the shin named as the bone of the leg
    ("Pain on the inner side of the bone of my leg, both legs, since I went up to four runs a week. It is along the "
     "bone, better after rest days.", {"1014", "1040"}),
    # no warm-up said as going straight from the front door, a routine before the session
    ("i go straight from the front door into intervals, what pre-run routine should i do", {"1017"}),
])
def test_a_remedy_kept_at_with_little_benefit_the_bone_of_the_leg(demo: SearchIndex, text: str,
                                                                 best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # a pressure washer's jet through the skin; a knuckle bitten, hot and swollen; a chemical that hurts more than it
    # looks; lost on the way home from a hot run; still roasting after running in a heatwave; the back with pee hard
    # to pass and the seat "sleeping"
    ("caught my hand with the jet wash, small hole in my palm, now it's swollen and throbbing", True),
    ("got bitten on the knuckle in a restraint, the knuckle is swollen red and hot", True),
    ("splashed wheel cleaner on my hand, skin looks fine but it hurts way more than it looks", True),
    ("after a hot run i couldnt remember which way home and threw up", True),
    ("felt sick and had a headache after running in the heatwave, still roasting hours later", True),
    ("back hurting a lot and it is difficult to pee, like sleeping between the legs", True),
    # harmless: numb toes that a shoe off ends; a chest spot that hurts when pressed; a skipped beat after a big coffee
    # with a normal ECG; a scope's swelling going down; an ankle whose bones are not sore; a pelvis that drops
    ("toes numb on long runs, fine when i take my trainers off", False),
    ("one sore spot on my chest after lifting at work, hurts if i press it or twist, fine running", False),
    ("odd skipped beat after a big coffee, ecg was normal", False),
    ("knee scope two weeks ago, knee swelling going down every week, thigh a bit achy", False),
    ("ankle rolled on a kerb, bit swollen but the bones arent sore when i press them", False),
    ("my pelvis drops when i stand on one leg and the front of my hip aches", False),
])
def test_red_flags_of_housekeepers_car_valeters_and_prison_officers(vocab: Vocabulary, text: str,
                                                                   flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # a break said as weeks not run, the old load wanted back
    ("havent run for six weeks after the move, how fast can i get back to that 30 miles", {"1069"}),
    # a steep walk down, said as the way to somewhere
    ("steep walk down to work every day and my thighs are sore for days, should i lean back", {"1029"}),
])
def test_a_break_by_weeks_not_run_a_steep_walk_down(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # a weight come down on a forearm, tight and past painkillers; a knee to the calf gone rock tight; a big toe
    # that will not lift, weaker each day; a disc flare with pee not felt; red pee with beetroot denied
    ("a wardrobe came down on my forearm, its swelling tight and painkillers arent touching it", True),
    ("took a knee to the calf in football, hours later its rock tight and it kills to wiggle my toes", True),
    ("low back pain down my leg and my big toe wont lift, getting weaker each day", True),
    ("disc flare and today i couldnt really feel when i needed to pee", True),
    ("my pee is red after the boxing session, havent had beetroot", True),
    # harmless: a wrist that moves fine; a wallet in a back pocket; a numb patch from years of kneeling; hands that a
    # shake brings back; a knee eased by a pillow; a dialect "ting" (thing); a temple floor sat on cross-legged
    ("fell onto my wrist off the bike, bit sore, looks normal and straight, moving it fine", False),
    ("pins and needles in my bum from my wallet in my back pocket on the drive", False),
    ("numb patch on my knees from years of kneeling, same for ages", False),
    ("hands tingle at night after a long day gripping the stapler, shake them and it goes", False),
    ("knee aches at night after tiling all day, better once i put a pillow between them", False),
    ("every run same ting, outside of my knee goes at 3 miles", False),
    ("sat cross legged on the temple floor and my foot went tingly, gone now", False),
])
def test_red_flags_of_carpet_fitters_air_traffic_controllers_and_stunt_performers(vocab: Vocabulary, text: str,
                                                                                 flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # the knee that will not go far past the toes in a squat: the ankle's bend, not the knee
    ("my ankles are stiff, when i squat my knee doesn't go very far past my toes, what stretch", {"1019"}),
])
def test_a_knee_held_back_by_the_ankle(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # a foot that will not lift since the back went (roots or no roots); a fall onto the ribs and no full breath; a
    # shin rock hard and in agony at rest; urine like cola said in Tagalog
    ("i catch my toe on every root now, foot keeps slapping and i cant lift it up properly since my back went", True),
    ("slipped on the ice onto my side, ribs sore and now i cant get a full breath", True),
    ("front of my shin went rock hard after the run, in agony even sat still", True),
    ("ihi ko kulay coke after the squat challenge, thighs swollen", True),
    # harmless: toes that catch when worn out and not in the morning; a groin that stretching helps; a heel's bump
    # where the boot rubs; tingling denied in Tagalog
    ("toes catch the ground at the end of a long shift when im wrecked, fine in the morning", False),
    ("groin tight after hills, stretching helps and it doesnt hurt to walk or stand on one leg", False),
    ("bony bit on the back of my heel sore when the boot presses it, where the boot rubs", False),
    ("leeg ko stiff after long runs, walang tingling sa braso", False),
])
def test_red_flags_of_tree_planters_ski_lift_operators_and_dinner_ladies(vocab: Vocabulary, text: str,
                                                                        flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # Geordie spellings read as the words they are ("ah dee planks" is "I do planks"), and "me" before a body part
    # as "my" ("back of me thigh" is the hamstrings)
    ("me lower back aches when ah dee planks", {"1061", "1004"}),
    ("back of me thigh aches sat at the desk all day", {"1031"}),
    # a plank's hips said as sagging; a warm-up asked for as what comes pre-workout; the shoe shop's words
    ("she says me hips are sagging and my back aches on planks", {"1061", "1004"}),
    ("legs feel dead for the first reps of intervals, what should my pre-workout routine be", {"1017"}),
    ("the shop says i'm an overpronator, do i need special ones", {"1025"}),
])
def test_dialect_spellings_plank_hips_sagging_a_pre_workout_routine_an_overpronator(demo: SearchIndex, text: str,
                                                                                     best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # a calf warm, tight and bigger than the good one after a knee op; one arm gone dead and heavy, nothing held; a
    # hot run home ending muddled; a crash and a sore neck with both hands tingling; an irregular rhythm and woozy; a
    # bone's one spot worse each week with better shoes only suggested
    ("two weeks after my knee op the calf is warm and tight and bigger than the good one", True),
    ("my right arm went dead and heavy mid song, couldnt hold the mic for ten minutes", True),
    ("ran home from a hot parkrun and got proper muddled, kept walking past my own street", True),
    ("came off the bike onto my head, neck aches and now pins and needles in both hands", True),
    ("garmin says irregular rhythm on my easy runs and i went woozy on the stairs after", True),
    ("one spot on my shin is worse every week, now it hurts just walking. my mate says get better trainers", True),
    # (a coffee beside chest pain explains nothing)
    ("crushing pain in my chest came on as i sat with a coffee after my run", True),
    # harmless: a face numb in the wind that comes back indoors; one skipped beat sat with a coffee; feet that slap in
    # clown shoes only; swelling and chest pain denied in Geordie ("nee"); a shin that rest makes less; woozy after a
    # sprint
    ("cheeks go numb running into the wind, fine once im inside", False),
    ("felt one skipped beat sat with a coffee this morning, never happens while running", False),
    ("my feet slap down in the clown shoes at work, totally normal in trainers", False),
    ("calf's tight and tender where ah went at it with the roller, nee swelling, eases once ah get moving", False),
    ("heart's banging gannin up the big bank but it settles at the top, nee pain in me chest", False),
    ("inside of my shin paining along the bone after we doubled the km, when I rest it becomes less", False),
    ("went woozy for a sec after sprinting the finish, sat down and fine", False),
])
def test_red_flags_of_offshore_workers_buskers_and_mountain_rescue(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # the dead bug described by its opposite arm and leg dropped; a plank someone else does, hips sagging "like" a thing
    ("on my back with arms up, i drop the opposite arm and leg slowly, too easy now, whats next", {"1047"}),
    ("my husband does planks every night and his lower back aches, hips sag like an old sofa", {"1061", "1004"}),
])
def test_a_dead_bug_by_its_opposite_arm_and_leg_a_plank_someone_else_does(demo: SearchIndex, text: str,
                                                                         best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # a bone's spot one finger can cover, worse each week
    ("lower inside of my shin, i can put one finger right on the spot, getting worse each week even with rest", True),
    # (an energy drink beside a blackout explains nothing: a guard)
    ("blacked out on my run for a second, woke on the grass, had an energy drink before like always", True),
    # harmless: beats skipped after energy drinks; a tendon, not the bone, under tight laces; a hip eased by rolling
    # over; tingling gone minutes after the tool; a child limping an hour, then running about; a bony lump the same
    # for years; a shin ache spread along the bone, "ticking over" (no tick)
    ("skipped beat or two in bed after energy drinks on a night shift, nothing when i run", False),
    ("top of foot sore after lacing new shoes really tight, pressing on the tendon not the bone", False),
    ("hip aches at night after kneeling all day, goes away when i roll onto my back", False),
    ("fingers tingle and go numb using the drill, comes back minutes off it", False),
    ("my lad limped for an hour after falling off his bike then was tearing round the park", False),
    ("bony lump on top of my foot where my boots press, same size for years", False),
    ("shins ache along the bone after upping mileage, spread out, can i keep ticking over", False),
])
def test_red_flags_of_paramedics_welders_and_cobblers(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_a_remedy_that_has_barely_shifted_it_is_turned_down(vocab: Vocabulary) -> None:
    text = "rolling a golf ball under my heel has barely shifted it"
    assert "self_massage" in vocab.turned_down(text, vocab.intents(text))[0]


@pytest.mark.parametrize(("text", "flagged"), [
    # a heart fast and "not regular"; a shoulder gone a square shape; a hand gone over on, the thumb's base sore;
    # canal water swallowed, then shivery with red eyes (Weil's disease); a fall in a lock, then sleepy and muddled;
    # "talking daft" after a hot run; a calf sore since a coach trip, then puffing and every breath catching
    ("heart went fast and not regular on my tempo run and i had to sit down", True),
    ("fell off the stile onto my shoulder, its gone a funny square shape and i cant lift the arm", True),
    ("went over on my hand on the trail, sore at the base of my thumb a week on", True),
    ("swallowed canal water on my towpath run and a week later i feel shivery with red eyes", True),
    ("fell in the lock, got out and walked back, now oddly sleepy and muddled", True),
    ("he was talking daft and hot as anything after the heatwave 10k", True),
    ("calf aches since the coach trip, now puffing going upstairs and it catches every breath", True),
    # harmless: a child's legs eased by a rub; a numb bum back once walking; faint at the sight of a stitching; a calf
    # always the bigger; breathless up a flight of locks, fine a minute later; a calf that tires sooner on heel raises;
    # hips sagging and a red face in a plank
    ("my 6 year old's legs ache at night after a busy day, rub them and he's off to sleep", False),
    ("bum goes numb on the tractor seat, comes right soon as i get off and walk about", False),
    ("nearly passed out watching the first aider stitch up a cut, felt fine once i sat down", False),
    ("my right calf has always been bigger than my left, nothing hurts", False),
    ("out of breath up the lock flight, back to normal a minute after the top", False),
    ("calf gives out loads sooner than the right on heel raises when i bend my knee", False),
    ("hips sag in my plank and im red faced by the end", False),
])
def test_red_flags_of_shepherds_print_workers_and_lock_keepers(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # the ankle's bend said by heels that lift in a squat and a knee that cannot get past the toes; the hip's
    # extension said as the leg that cannot be taken back
    ("when i squat my heel pops up before my knee can get out past my toes", {"1019"}),
    ("in deep squat my heels are lifting and knee is not going forward over toes", {"1019"}),
    ("sitting all day, front of hip tight, cannot take my leg back fully when running", {"1052", "1008"}),
])
def test_heels_that_lift_in_a_squat_a_leg_that_cannot_be_taken_back(demo: SearchIndex, text: str,
                                                                   best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # a groin lump that will not go back, with sickness; words jumbled after a run, passed; a head "split open"
    ("groin lump from lifting, normally pops back in, not today, and i've been sick", True),
    ("his words were all jumbled after the run and went back to normal in ten minutes", True),
    ("head felt like it split open on the hill, worst ive ever had", True),
    # (a main road beside a generator's fumes explains nothing)
    ("generator in the van on the main road and we all have headaches", True),
    # harmless: laces loosened and fine; a hip that can be hopped on; a faint with the knees locked; traffic fumes on
    # a main road; fists tight in front of the chest
    ("top of my foot aches when my laces are tight, i loosen the laces and it's fine, nothing sore to press", False),
    ("front of my hip aches after sprints but i can walk and hop on it fine", False),
    ("nearly keeled over standing at the parade with my knees locked, fine soon as i sat", False),
    ("exhaust fumes make me a bit sick running along the main road, fine on the canal path", False),
    ("my hands cross in front of my chest when i run and my fists are tight", False),
])
def test_red_flags_of_gravediggers_fish_farmers_and_tyre_fitters(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_a_flyover_split_by_the_speller_is_no_flight(demo: SearchIndex) -> None:
    # the speller reads "flyover" as "fly over": a road's slope, not a plane
    text = "very breathless and heart pounding on the steep flyover slope, is my stamina just low"
    assert demo.search(SearchRequest(q=text)).red_flags == ()


@pytest.mark.parametrize(("text", "best"), [
    # an ankle feared to give way again; the IT band voice-typed, foam rolling it no help; Trinidadian "meh" knee;
    # Jamaican "batty" (the buttock) and "mi" thigh
    ("turned my ankle in a pothole last month, on rough ground it feels like it will give way again", {"1023"}),
    ("outside of my knee hurts after 4 miles, foam rolling my i tee band hasn't changed a thing, what next", {"1046"}),
    ("di outside a meh knee sting after 5k every time, ah roll it and it nuh help", {"1046"}),
    ("pain deep inna mi batty, run down di back a mi thigh, pigeon pose hurt mi knee so wha else", {"1060", "1012"}),
])
def test_an_ankle_that_may_give_way_again_and_caribbean_words_for_the_body(demo: SearchIndex, text: str,
                                                                          best: set[str]) -> None:
    assert first(demo, text) in best


def test_the_band_of_it_band_is_no_resistance_band(vocab: Vocabulary) -> None:
    # foam rolling said not to help turns down foam rolling, not strength work for the "band" in the name
    tokens = plan("foam rolling my IT band hasn't helped", vocab).tokens
    assert {t.key for t in tokens if t.kind == "turned_down"} == {"self_massage", ""}
    text = "rolled a ball under my heel each morning without much improvement"
    assert "self_massage" in vocab.turned_down(text, vocab.intents(text))[0]


@pytest.mark.parametrize(("text", "flagged"), [
    # Jamaican "cyaan hop" and "cyaan stand up pon mi toes"; a bladder that will not empty beside a numb seat; a heavy
    # chest with a cold sweat (a guard); an arm swollen "bluey"; a shoulder's "square corner"; pee like cold tea; a
    # bone's patch the size of a coin
    ("mi cyaan hop pon dat foot, one likkle spot on top of it get worse every week", True),
    ("felt a kick at di back a mi heel, now mi cyaan stand up pon mi toes", True),
    ("lower back bad since moving furniture, numb between my legs like after a long ride and it's not all coming out "
     "when i wee", True),
    ("heavy pressure in my chest on the hill and i came out in a cold sweat", True),
    ("arm swelled up bluey after a week of painting ceilings", True),
    ("fell off the ladder onto my shoulder, there's a square corner where it should be round", True),
    ("thighs rock hard after the stair race and my pee looks like cold tea", True),
    ("one small patch on my shin the size of a 10p, worse every week", True),
    # harmless: shins aching all down the bone and settling; a breastbone sore to press; fingers tingling, shaken
    # off; a groin fine to stand on one leg
    ("shins ache all down the bone since more miles, two easy days and it settles, could hop on either leg no problem",
     False),
    ("sore spot on my chest bone when i press it after stacking crates, fine running", False),
    ("fingers tingle after gripping the secateurs, shake it and its gone", False),
    ("groin tight after sprints, fine standing on one leg", False),
])
def test_red_flags_of_steeplejacks_mushroom_pickers_and_lighthouse_keepers(vocab: Vocabulary, text: str,
                                                                           flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # the ankle's bend said as a knee that "comes not far over the toes"; race week by the days to go or "sunday is
    # my first marathon"; the German "backside of the thigh" (the hamstrings, not the buttock)
    ("my heels come up in a squat, the knee comes not far over the toes, is it my ankles", {"1019"}),
    ("sunday is my first marathon, should i do one more long run to be sure", {"1018"}),
    ("marathon in 4 days and my legs feel heavy, one more tempo to sharpen up?", {"1018"}),
    ("tight in the backside of my thigh after sprints at the track", {"1013", "1031"}),
])
def test_the_ankles_bend_race_week_by_its_days_and_the_backside_of_the_thigh(demo: SearchIndex, text: str,
                                                                             best: set[str]) -> None:
    assert first(demo, text) in best


def test_zero_change_and_not_really_better_say_a_remedy_has_not_helped(vocab: Vocabulary) -> None:
    for text in ("foam rolling every night, zero change", "did the towel stretch daily but it is not really better"):
        assert vocab.turned_down(text, vocab.intents(text))[0]


@pytest.mark.parametrize(("text", "flagged"), [
    # the toilet "not working normal" or a wee not felt, with back pain; an arm heavy while the sight doubles; a shin
    # swelled hard whose pain keeps climbing; a shoulder "went out" with a step; breathless with swollen ankles;
    # bleach and acid mixed; a sprayed field, then twitching and dribbling
    ("back pain down both legs since yesterday and going to the toilet is not working normal", True),
    ("lower back bad, this morning couldnt tell if i needed a wee or not and dribbled", True),
    ("my arm went heavy and i saw double for a minute on my run, fine now", True),
    ("shin swelled up hard after the race and the pain keeps climbing", True),
    ("fell on the ice, shoulder went out and theres a step at the top of it", True),
    ("coughing and wheezy since the bleach and acid got mixed in the cleaning cupboard", True),
    ("after they sprayed the field my muscles are twitching and i keep dribbling", True),
    # (breathless with swollen ankles: a guard)
    ("cant get up the stairs without gasping this week and my ankles have swelled", True),
    # harmless: calves stiff after a flight, normal by morning; shins "pretty chill" after rest days ("chill" is no
    # fever); toes numb in boots, fine laced looser; the outside of the knee "inflamed" at the same point every run
    ("after the flight my calves were stiff but the next morning all was normal again, nothing red or warm", False),
    ("inner shins ache after more miles, after 2 rest days its pretty chill", False),
    ("toes numb in my tight work boots, fine after i laced them looser", False),
    ("sharp pain on the outside of my knee at 5k every run, it feels inflamed down the side of the leg", False),
])
def test_red_flags_of_sewer_workers_vineyard_pickers_and_pool_staff(vocab: Vocabulary, text: str,
                                                                    flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_a_remedy_done_to_a_body_part_of_several_words_is_turned_down(vocab: Vocabulary) -> None:
    # the words of the body part's name, and its "my", do not count between the remedy and "hasn't helped"
    tokens = plan("i foam roll my IT band every day and it hasnt helped at all", vocab).tokens
    assert {t.key for t in tokens if t.kind == "turned_down"} == {"self_massage", ""}
    # a towel pulled for a month; a ball that "help only little"
    for text, kind in (("did the towel pulls for a month and its barely better", "stretch"),
                       ("rolled a ball under it daily and it help only little", "self_massage")):
        assert kind in vocab.turned_down(text, vocab.intents(text))[0]


@pytest.mark.parametrize(("text", "flagged"), [
    # "wet meself" (Northern "meself"); a rip and a bruise all down the back of the thigh; a shoulder hot and
    # swollen after a steroid jab; a heavy chest "lugging the sacks", sat out "till it passes"; a wee hard to start
    # beside a numb seat no saddle explains
    ("back has been bad all week and i wet meself on the bus without feeling it", True),
    ("felt a rip in my hamstring near my bum, big bruise all down the back of the thigh now", True),
    ("had a steroid jab in my shoulder on monday, now its burning hot and swollen", True),
    ("heavy pressing feeling in my chest lugging the sacks, has to sit down till it passes", True),
    ("numb where the saddle sits though i haven't cycled all week, and struggled to get going when i went for a wee",
     True),
    # (a relative who died suddenly, and dizzy on a hill: a guard)
    ("my dad died suddenly at 40 and i got dizzy at the top of the hill today", True),
    # harmless: a numb seat back once walking, "everything fine"; a bone said not tender; a heel's stretch "before i
    # even stand up" (no standing hurts); dropping dead only feared (a guard)
    ("numb bum after an hour on the quad, back to normal soon as i walk about, wee and everything fine", False),
    ("rolled my ankle, swelled a bit but bone not tender to press", False),
    ("first steps my heel feels bruised at the front of the heel bone, what stretch before i even stand up", False),
    ("heart skipped once after coffee, do runners drop dead from this?", False),
])
def test_red_flags_of_cockle_pickers_road_workers_and_fitness_instructors(vocab: Vocabulary, text: str,
                                                                         flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # the ankle's bend as a knee that "cannot go in front of the toes"; French "the exterior of the knee"
    ("in a squat my knee cannot go in front of the toes, the ankle feels blocked", {"1019"}),
    ("sharp pain at the exterior of the knee every time at 5 km, then i walk home", {"1046"}),
])
def test_the_ankles_bend_and_the_knees_exterior_in_a_learners_words(demo: SearchIndex, text: str,
                                                                     best: set[str]) -> None:
    assert first(demo, text) in best


def test_me_before_a_comma_is_no_possessive_and_a_long_stretch_of_bone_is_no_stretch(vocab: Vocabulary) -> None:
    # "in front of me, knee locked": the foot lands in front of the reader, not of the knee
    assert [m.key for m in vocab.triggers("heel landing well in front of me, knee locked straight", reader=True)] == [
        "overstriding"]
    # an ache along "a long stretch of the bone" is where it hurts (the inner shin), not a stretch asked for
    tokens = plan("both shins ache along a long stretch of the bone after runs", vocab).tokens
    assert [(t.kind, t.key) for t in tokens if t.kind in ("place", "intent")] == [("place", "shin.inside")]
    text = "i roll a ball under the foot every evening but it does not change much"
    assert "self_massage" in vocab.turned_down(text, vocab.intents(text))[0]


@pytest.mark.parametrize(("text", "flagged"), [
    # a door code forgotten after a day on a hot roof; a heart "all over the place"; a groin lump gone hard, and sick;
    # a sore calf ignored, then gasping; a calf hard and hot after a knee scope; an electric shock and a fluttery
    # chest; a red line tracking up from a blister; a heel sore squeezed from the sides; the loo not felt with
    # sciatica in both legs; between the legs "like asleep" and a slow wee
    ("couldnt figure out my own door code after a day on a hot roof, pounding head", True),
    ("heart goes super fast and all over the place mid run like a fish flopping", True),
    ("groin lump that used to push back in, now its hard and sore and i threw up", True),
    ("had a sore calf last week i ignored and now im gasping on the stairs", True),
    ("knee scope last week and my calf has gone hard and hot", True),
    ("got zapped off the mains at work and my chest has felt fluttery since", True),
    ("red line tracking up my leg from a blister and i feel shivery", True),
    ("heel hurts when i squeeze it from the sides, worse every run", True),
    ("sciatica is in both legs now and i can't really tell when i need the loo", True),
    ("back bad since moving furniture, between the legs feels like asleep and to pee is slow", True),
    # harmless: a knee puffy after the physio's exercises with the calf normal; a wrist easing on days off; a thigh
    # numb under a harness strap; a chest sore to press after carrying panels against it; one skipped beat after a
    # third energy drink
    ("two weeks after my knee scope, knee a bit puffy after my physio exercises, calf looks normal", False),
    ("wrist aches from sorting off the belt all night, eases off on my days off", False),
    ("outer thigh numb where my harness leg strap sits, goes away on weekends", False),
    ("chest sore to press on after carrying panels against it all day, one spot on the ribs, breathing fine", False),
    ("heart skipped once after my third energy drink, fine since", False),
])
def test_red_flags_of_recycling_sorters_solar_installers_and_radiographers(vocab: Vocabulary, text: str,
                                                                           flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # an ankle that may "go from under me"; the calf named in Hindi ("pindli")
    ("went over me ankle a month back, walkin fine but on grass it feels like its gonna go from under me", {"1023"}),
    ("pindli tight rehti hai, deewar pe stretch karta hu", {"1005"}),
])
def test_an_ankle_that_may_go_from_under_me_and_the_calf_in_hindi(demo: SearchIndex, text: str,
                                                                 best: set[str]) -> None:
    assert first(demo, text) in best


def test_body_parts_named_in_hindi_and_a_remedy_that_helps_nothing(vocab: Vocabulary) -> None:
    assert vocab.concepts_in("ghutne mein dard, kamar bhi akad jaati hai", reader=True) == ["knee", "low_back"]
    text = "i roll it on the foam roller every day but it helps nothing"
    assert "self_massage" in vocab.turned_down(text, vocab.intents(text))[0]


@pytest.mark.parametrize(("text", "flagged"), [
    # a swollen calf that "went down on its own", then winded; a sudden sharp stab in one side of the chest, then
    # short of breath
    ("had a swollen calf last week that went down on its own, now winded on the stairs", True),
    ("sudden sharp stab in one side of my chest on the climb and short of breath since", True),
    # (a sudden pain in the testicles, one side swollen: a guard)
    ("sudden pain in my balls on a sprint and now one side is swollen", True),
    # harmless: a bee sting beside the beehives (no hives on the skin); night sweats in a 30-degree caravan; a
    # basketball jumped for (Jamaican "di ball" is "the ball", no testicle)
    ("stung by a bee moving the hives, hand swollen and itchy, nothing else", False),
    ("sweating at night in the caravan, its 30 degrees in there", False),
    ("pain under di kneecap, it hurt when mi jump fi di ball at basketball", False),
])
def test_red_flags_of_greenhouse_growers_hostel_staff_and_skydivers(vocab: Vocabulary, text: str,
                                                                   flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # a runner who "heads out cold" skips the warm-up (no cold weather); asked how to come back after weeks away;
    # "what am I doing wrong" in a plank asks for the mistakes; the knee and ankle named in Japanese
    ("quick warm up ideas? I normally just head out cold", {"1017"}),
    ("how should I come back after six weeks away from running", {"1069"}),
    ("my hips drop to the floor when I plank, what am I doing wrong", {"1061"}),
    ("hiza hurts on the outside around 8 km every run", {"1046"}),
])
def test_a_cold_start_a_comeback_asked_and_a_plank_done_wrong(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


def test_body_parts_named_in_japanese_and_swahili_and_the_waist_for_the_low_back(vocab: Vocabulary) -> None:
    assert vocab.concepts_in("hiza to koshi ga itai, fukurahagi mo", reader=True) == ["knee", "low_back", "calf"]
    assert vocab.concepts_in("goti na mgongo zinauma", reader=True) == ["knee", "low_back"]
    assert vocab.concepts_in("my lower waist is stiff every morning", reader=True) == ["low_back"]
    assert [m.key for m in vocab.intents("muscle training for my hips")] == ["strengthening"]


@pytest.mark.parametrize(("text", "flagged"), [
    # the pee not controlled, or soiled unnoticed, with a bad back; a faint felt coming on a climb; a leg puffed up
    # after weeks laid up; a snap at the back "o" the heel
    ("disc playing up and i could not control my wee on the walk home", True),
    ("bad back from shovelling and i messed myself without realising", True),
    ("felt like i was going to drop on the climb and had to sit in the verge", True),
    ("laid up in bed with my back for two weeks, now my left leg has puffed up", True),
    ("felt a snap at the back o me heel on the stile, cant go up on me tiptoes", True),
    # harmless: one skipped beat after the morning coffee; a racing heart that settles quickly; pins and needles
    # after sitting, gone quick; a hand tingly after sleeping with the elbow bent; a bruised hip walked on and
    # easing at 74; woken by rolling onto a bruise; a chest sore at one spot that hurts as the reader twists; a
    # runner who "heads out cold" ("out cold" is no faint)
    ("one skipped beat after the morning coffee, runs feel fine", False),
    ("heart racing on the hill reps, settles quickly once i jog down", False),
    ("leg went pins and needles after sitting on the floor, gone quick once i stood", False),
    ("woke with my hand tingly after sleeping with my elbow bent, normal in a few minutes", False),
    ("im 74, slipped on the ice, bruise on my hip but walking on it fine and less sore each day", False),
    ("woke in the night with shin pain, i rolled onto the bruise from the fall", False),
    ("chest sore on one spot when i press it after moving the fridge, sore when i twist, breathing fine", False),
    ("I always head out cold before parkrun, what should I do first?", False),
    # (legs stiff after a long drive that loosened up in the warm-up: a guard, "leg" now beside being laid up)
    ("legs heavy after the long drive to the race, loosened up in the warm-up", False),
])
def test_red_flags_of_dairy_farmers_bingo_callers_and_shipwrights(vocab: Vocabulary, text: str,
                                                                  flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # an injury only asked about ("is it shin splints?") where the reader says it hurts elsewhere on its body
    # part is their guess: the place they describe decides; a child's shins; the groin named in Spanish ("ingle");
    # race week said as "next sunday"
    ("my daughter's shins hurt at the front and her feet slap the road, is it shin splints?", {"1062"}),
    ("outside of the knee aches at the same point every run, is it runner's knee?", {"1046"}),
    ("ingle sore after sprint sessions", {"1027"}),
    ("marathon is next sunday, should I still do a long run this week", {"1018"}),
])
def test_an_injury_asked_about_elsewhere_on_its_body_part_is_a_guess(demo: SearchIndex, text: str,
                                                                      best: set[str]) -> None:
    assert first(demo, text) in best


def test_a_region_after_its_body_part_then_a_pain_word_and_someone_elses_body_part(vocab: Vocabulary) -> None:
    assert [p.key for p in vocab.places("knee outside pain after 4 km", search=True)] == ["knee.outside"]
    assert [p.key for p in vocab.places("front of my son's shins ache", search=True)] == ["shin.front"]
    assert vocab.concepts_in("xigai he yao dou teng", reader=True) == ["knee", "low_back"]
    # the back of the thigh named in pinyin is the hamstrings, no "back" of the quads
    assert vocab.concepts_in("suddenly back of datui grab pain", reader=True) == ["hamstrings"]
    assert vocab.places("suddenly back of datui grab pain", search=True) == []


@pytest.mark.parametrize(("text", "flagged"), [
    # an ear gone deaf; one calf swollen and out of puff; a calf hot after hours on a bus; blood in the eye after
    # a puck to the face
    ("can't hear out of my right ear since this morning, just ringing", True),
    ("out of puff on the stairs all week and one calf has swelled up", True),
    ("six hours on the team bus to the tournament and now one calf is red and hot", True),
    ("took a puck in the face, blood in the bottom of my eye and it's blurry", True),
    # harmless: woken by rolling onto a bruise; dizzy after a skater's spin; menopause sweats with a steady weight;
    # a skipped beat after strong coffees
    ("hip pain woke me at 3am because i rolled onto it, bruised from the fall, walking fine", False),
    ("dizzy after a spin combo, fine in under a minute", False),
    ("hot flushes and sweaty nights, weight steady, eating normally. menopause workouts?", False),
    ("skipped beat after two strong coffees, fine since", False),
    # (ankles puffy on both sides after a coach trip, gone overnight: a guard, a coach trip now beside a puffy leg)
    ("back from a long coach trip, ankles puffy both sides, all gone after a nights sleep", False),
])
def test_red_flags_of_zumba_instructors_ice_rink_staff_and_snooker_halls(vocab: Vocabulary, text: str,
                                                                        flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # sat through a film, the cinema and the stairs in Portuguese are the runner's knee's triggers; the foam
    # roller in Portuguese; a foot that lands "far front of body"
    ("ache round the kneecap going down the stairs and when I've sat through a film", {"1015"}),
    ("knee sore around the kneecap going down escada and in the cinema", {"1015"}),
    ("rolo de espuma for the calves", {"1066"}),
    ("my foot lands far front of body, how to fix", {"1011"}),
])
def test_a_film_sat_through_the_stairs_in_portuguese_and_a_foot_far_in_front(demo: SearchIndex, text: str,
                                                                              best: set[str]) -> None:
    assert first(demo, text) in best


def test_body_parts_named_in_korean_and_arabic(vocab: Vocabulary) -> None:
    assert vocab.concepts_in("mureup and heori both stiff", reader=True) == ["knee", "low_back"]
    assert vocab.concepts_in("rukba pain", reader=True) == ["knee"]
    assert vocab.concepts_in("something grab back of my heobeokji", reader=True) == ["hamstrings"]


@pytest.mark.parametrize(("text", "flagged"), [
    # a crack at the heel and "cannae" get up on tiptoe; pressure in the chest named in Portuguese; a bladder's
    # filling no longer felt
    ("heard a crack like someone booted my heel and i cannae get up on my tiptoes", True),
    ("pressure in my peito like a weight on the hill, sat down for ten minutes", True),
    ("back sore for days and now i cant tell when my bladder is full", True),
    # harmless: an occasional skipped beat with "no dizziness, chest pain or fainting" (the "no" reaches down the
    # list); a chest pressed sore; a thigh numb under a duty belt; pink pee after beetroot; flights of stairs
    ("occasional skipped beat at rest, no dizziness, chest pain or fainting", False),
    ("chest sore where the bar pressed, hurts when i push on it, breathing fine", False),
    ("numb patch on my outer thigh from the heavy duty belt, no weakness", False),
    ("pink pee after eating lots of beetroot", False),
    ("out of breath after running up three flights of stairs, fine in a minute", False),
])
def test_red_flags_of_gondoliers_museum_guards_and_escape_rooms(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


@pytest.mark.parametrize(("text", "best"), [
    # the neck in Russian; the front of the hip, the inside of the thigh, below the kneecap and flat feet said in
    # French (the inside of the thigh is the groin's place, not the quads')
    ("sheya stiff after my long run, shoulders up by my ears", {"1063"}),
    ("devant de la hanche tight after sitting at the bureau all day", {"1008", "1052"}),
    ("l'intérieur de la cuisse tight after intervals", {"1027"}),
    ("ça pince en dessous de la rotule quand je saute", {"1034"}),
    ("pieds plats, which souliers?", {"1025"}),
])
def test_french_places_and_body_parts_named_in_russian(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


def test_body_parts_named_in_welsh_russian_turkish_and_malay(vocab: Vocabulary) -> None:
    for word in ("pen-glin", "koleno", "diz", "lutut"):
        assert vocab.concepts_in(word, reader=True) == ["knee"], word
    for word in ("ikry", "baldır", "betis"):
        assert vocab.concepts_in(word, reader=True) == ["calf"], word
    assert vocab.concepts_in("boyun and leher", reader=True) == ["neck"]


@pytest.mark.parametrize(("text", "flagged"), [
    # a rattler's bite; a pony's bite swollen and red; a chest stepped on, breathing harder by the hour; a chest's
    # pressure and a near faint in French; a heart still racing an hour later
    ("a rattler got me on the shin out on the ranch, swelling's climbing", True),
    ("the pony bit my hand yesterday and now it's swollen and red", True),
    ("a horse stepped on my chest, ribs sore and it's harder to breathe every hour", True),
    ("pression dans la poitrine dans la cote, j'ai failli perdre connaissance", True),
    ("heart took off at 200 mid run and it's still racing an hour later", True),
    # harmless: dizzy for a second after a twisting dismount; a few pounds lost and put back; a numb seat that
    # wears off; dark pee from too little water, pale again
    ("dizzy for a second after a twisting dismount, then fine", False),
    ("lost 3 pounds during camp week, eating normally, back to my normal weight now", False),
    ("numb bum on a hard stool all evening, wears off after a walk", False),
    ("pee was dark as tea after a day hauling hay with hardly any water, pale again now", False),
    # (a horsefly's bite, which the speller splits to "horse fly": a guard, a horse's bite now named)
    ("horsefly got me on the calf, red itchy lump, feel fine otherwise", False),
])
def test_red_flags_of_parking_attendants_cheerleaders_and_rodeo_riders(vocab: Vocabulary, text: str,
                                                                       flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_a_french_elision_is_no_typo(demo: SearchIndex) -> None:
    # "c'est" corrected was "chest": a race-week search with "des petites douleurs partout" read as chest pain
    result = demo.search(SearchRequest(q="C'est la semaine du marathon, j'ai des petites douleurs partout, "
                                         "c'est normal?"))
    assert result.red_flags == ()
    assert not any("chest" in notice for notice in result.notices)
    assert result.did_you_mean is None or "chest" not in result.did_you_mean


def test_body_parts_named_in_vietnamese_greek_polish_and_scandinavian(vocab: Vocabulary) -> None:
    for word in ("kolano", "gonato", "dau goi", "knaet"):
        assert vocab.concepts_in(f"{word} sore", reader=True) == ["knee"], word
    for word in ("lydki", "vaden", "bap chan", "gamba"):
        assert vocab.concepts_in(f"{word} tight", reader=True) == ["calf"], word
    assert vocab.concepts_in("korsrygg and skulderblad", reader=True) == ["low_back", "upper_back"]
    assert vocab.concepts_in("posladki and ljumsken", reader=True) == ["glutes", "adductors"]
    # their word for the whole back is the English "back", no body part of its own
    assert vocab.concepts_in("rygg sore", reader=True) == []


@pytest.mark.parametrize(("text", "best"), [
    # the calf in Polish and Swedish, the kneecap and the knee's outside in Polish
    ("lydki always tight, I stretch every day", {"1005", "1053"}),
    ("vaden always tight even when I stretch after skiing", {"1005"}),
    ("pain just under the rzepka when I jump", {"1034"}),
    ("outside of my kolano hurts at the same point of every run", {"1046"}),
])
def test_the_calf_and_the_knee_in_polish_and_swedish(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # a calf named in another language is a calf to a red flag too; a sudden weak arm for hours; the bowels
    # emptied unfelt with back pain, said crudely
    ("my left lydka is hot and swollen since the flight home", True),
    ("bap chan one side swollen and red after the night bus, hurts to walk", True),
    ("sudden weakness in my left arm, can't hold my cup, been two hours", True),
    ("back agony since the weekend and I crapped myself without noticing", True),
    # harmless: a groin bulge that goes back in and does not hurt; fingers tingling after a hedge trimmer, gone
    # within the hour; fingertips white in the cold that come back pink; a thigh woken by lying on its bruise;
    # a night's lifting; a chest pressed sore by a load, fine on runs
    ("small bulge in my groin pops out when I strain, goes back in lying down, painless", False),
    ("hands tingle after running the chainsaw all day, gone within the hour", False),
    ("fingertips go white and numb holding cold poles on winter nights, come back pink within minutes", False),
    ("pain in my thigh woke me at 3am, I'd rolled onto the big bruise from the table", False),
    ("shoulders ache all night after lugging crates all night at the festival", False),
    ("chest sore where I hugged the heavy box all day, hurts when I press on it, fine on runs", False),
])
def test_red_flags_of_lumberjacks_bartenders_and_film_crews(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_another_languages_name_is_matched_as_written_not_by_its_english_stem(vocab: Vocabulary) -> None:
    # the French "pied" stems to "pie", the German "Wade" to "wade", the Swedish "hals" to "hal"
    for text in ("pecan pie after the race", "wading through the river on a trail run", "hal higdon novice plan",
                 "fess up, I skipped stretching"):
        assert vocab.concepts_in(text, reader=True) == [], text
    assert vocab.concepts_in("mal au pied", reader=True) == ["foot"]
    assert vocab.concepts_in("birka and zanoo and genunchi", reader=True) == ["knee"]
    assert vocab.concepts_in("calcai sore", reader=True) == ["foot"]


@pytest.mark.parametrize(("text", "best"), [
    # the knee in Hebrew and Persian; a comeback said "off running since", "ease back in"; no warm-up said
    # "directly out the door"
    ("outside of my birka hurts at the same km every run, then I walk home", {"1046"}),
    ("the outside of my zanoo gets sharp at the same point of every run", {"1046"}),
    ("been off running since the summer, how do I ease back in", {"1069", "1018"}),
    ("I go directly out the door and start running, first km is terrible", {"1017"}),
])
def test_the_knee_in_hebrew_and_persian_a_comeback_and_no_warm_up(demo: SearchIndex, text: str,
                                                                  best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # a chemical in the eye; a deep burn; a limb bent where it shouldn't be; sight gone black in one eye; waking
    # gasping; a calf gone fat after a scope; the bladder said crudely, and when it comes not controlled
    ("bleach splashed in my eye, still burning and I can't open it", True),
    ("boiling water scald on my hand, gone white and it doesnt even hurt", True),
    ("slipped with a tray and my forearm has a bend in it where it shouldnt be", True),
    ("my eye just went black for a minute on the run", True),
    ("I wake up at night gasping for air, have to sit up", True),
    ("had my knee scoped last week and now the calf's fat and sore", True),
    ("back wrecked since lifting and I pissed myself without feeling it", True),
    ("low back agony, numb where I sit on the bike saddle and I can't control when I wee", True),
    # harmless: hands tingling a few minutes after a tool, then fine; a racing heart after energy drinks; one rib
    # sore to press after days leaning over; thighs so sore after a downhill race the stairs are hard
    ("hands tingle for a few minutes after the impact driver, then they're fine", False),
    ("heart racing after two energy drinks and a late run, fine by morning", False),
    ("one spot on my ribs sore to press after a week leaning over the bench, breathing and running are fine", False),
    ("front of thigh so sore 3 days after the trail race I cannot walk stair, how to run downhill", False),
])
def test_red_flags_of_mechanics_line_cooks_and_convents(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_body_parts_named_in_nepali_hungarian_czech_and_tamil(vocab: Vocabulary) -> None:
    for word in ("ghunda", "terd", "muzhangal"):
        assert vocab.concepts_in(f"{word} sore", reader=True) == ["knee"], word
    for word in ("pindaula", "vadli", "lytko"):
        assert vocab.concepts_in(f"{word} tight", reader=True) == ["calf"], word
    assert vocab.concepts_in("ghaati and krk and kazhuthu", reader=True) == ["neck"]
    assert vocab.concepts_in("csipo stiff", reader=True) == ["hip"]


@pytest.mark.parametrize(("text", "best"), [
    # the thigh named in Czech, its back; a toe touch held before a run is no hamstring trouble
    ("back of my stehno tight in the first km after sitting all day", {"1031"}),
    ("before a 10k on a cold morning what warm up should I do? I just hold a toe touch stretch for a minute",
     {"1017"}),
])
def test_the_thigh_in_czech_and_a_toe_touch_held_before_a_run(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # words scrambled with a weak hand; an inhaler that doesn't help and half sentences; a calf fat and warm
    # after a scope; numb where one sits on the bike, with the bladder gone wrong
    ("on my run my left hand went weak and my words came out scrambled for ten minutes, back to normal now", True),
    ("used my inhaler twice with no help, can barely finish a sentence", True),
    ("had my knee scoped and now the calf on that side is fat, warm and red", True),
    ("low back pain, now numb where I sit on the bike seat and peeing feels strange", True),
    # harmless: a tingle gone on standing; fingers fine ten minutes after letting go; eyes blurry after a day at a
    # screen that clear with a blink; a faint old floater; a rib sore to press, runs normal; a calf bruised
    # on a table leg, less swollen each day
    ("tingle down my leg if I sit too long at the desk, goes when I stand", False),
    ("fingers tingle after holding the rope all day, gone within ten minutes of letting go", False),
    ("vision a bit blurry after staring at a screen all day, clears when I blink", False),
    ("the same faint floater I've had for years, no flashes, nothing new", False),
    ("sore to press on one spot on a rib after twisting at work, runs feel completely normal", False),
    ("calf swollen where I cracked it on the coffee table, big bruise, less swollen each day", False),
])
def test_red_flags_of_croupiers_stewards_and_chess_players(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_body_parts_named_in_finnish_amharic_ukrainian_catalan_and_cantonese(vocab: Vocabulary) -> None:
    for word in ("polvi", "gulbet", "kolino", "genoll", "sat tau"):
        assert vocab.concepts_in(f"{word} sore", reader=True) == ["knee"], word
    for word in ("pohje", "panxells", "siu tui"):
        assert vocab.concepts_in(f"{word} tight", reader=True) == ["calf"], word
    assert vocab.concepts_in("niska and anget and shyia and geng", reader=True) == ["neck"]
    # the whole back's word after "lower" is the low back; the back of a thigh named in Ukrainian, the hamstrings
    assert vocab.concepts_in("lower selka stiff", reader=True) == ["low_back"]
    assert vocab.concepts_in("back of the stegno tight", reader=True) == ["hamstrings"]


@pytest.mark.parametrize(("text", "best"), [
    # the knee in Finnish; race week with the day said bare; a warm-up before a tempo session
    ("outside of my polvi hurts at the same km every run, then I walk home", {"1046"}),
    ("half marathon saturday, legs heavy, what should I not do this week", {"1018"}),
    ("what to do before tempo session? I only hold static stretches", {"1017"}),
])
def test_the_knee_in_finnish_race_week_said_bare_and_a_tempo_warm_up(demo: SearchIndex, text: str,
                                                                     best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # a calf in Finnish after a flight; a jaw aching in a cold sweat up a hill ("cold" is no cold weather there);
    # a knee "done" weeks ago and a leg swollen with breathlessness; a first fit; a point on the shin worse
    # each week and at night
    ("after the long flight my left pohje is hot and red and much bigger", True),
    ("jaw and left arm ache with a cold sweat going up the hill, goes when I stop", True),
    ("had my hip done a month ago and now one leg's swollen and I'm puffed out on the stairs", True),
    ("had my first ever fit after the race yesterday", True),
    ("shin has one small point that hurts, I can find it with one finger, worse each week", True),
    # harmless: light-headed standing still in the heat, right as rain sitting down; a numb seat after a coach
    # ride, fine once walked about
    ("went light-headed standing still for an hour at the parade, sat down and was right as rain", False),
    ("numb bum after five hours on the coach, fine once I'd walked about", False),
])
def test_red_flags_of_tennis_players_brass_bands_and_ice_cream_vans(vocab: Vocabulary, text: str,
                                                                    flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_body_parts_named_in_swiss_german_bengali_mongolian_and_basque(vocab: Vocabulary) -> None:
    for word in ("chnuu", "hatu", "uvdug", "belauna"):
        assert vocab.concepts_in(f"{word} sore", reader=True) == ["knee"], word
    assert vocab.concepts_in("wadli and payer dim tight", reader=True) == ["calf"]
    assert vocab.concepts_in("lepoa and huzuu stiff", reader=True) == ["neck"]
    # "low" or "lower" before the whole back's word; the Hindi "gaya" is never corrected to a thigh
    assert vocab.concepts_in("low bizkarra hurts", reader=True) == ["low_back"]
    assert vocab.concepts_in("ankle mud gaya tha", reader=True) == ["ankle"]


@pytest.mark.parametrize(("text", "best"), [
    # the Cockney h dropped; a warm-up before parkrun, no warm-up "just go out and run"; race week "this friday"
    ("me 'eel's killin' me first thing in the mornin', like treadin' on a bruise", {"1050", "1009"}),
    ("anything to do before parkrun? I normally just go out and run", {"1017"}),
    ("Leeds half marathon this friday, little niggle in the calf and nervous", {"1018"}),
])
def test_a_dropped_h_a_warm_up_before_parkrun_and_race_week_on_a_friday(demo: SearchIndex, text: str,
                                                                        best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # a defibrillator that fired; ribs landed on with breathing getting harder
    ("my defibrillator went off on the jog this morning, feel ok now", True),
    ("landed on my ribs off the wall and breathing is getting harder", True),
    # harmless: dizzy a minute after spins; toes numb in tight shoes, fine once off; a wasp sting's coin-sized
    # swelling
    ("dizzy for a minute after a dozen spins on the trampoline, then fine", False),
    ("toes numb in my tight climbing shoes, fine once off", False),
    ("wasp sting on my wrist, swelling about the size of a coin, itchy", False),
    # graded searches: an ache by the sitting bone worse after riding; arms crossing over the chest
    ("deep pain near my sitting bone that goes down the back of my thigh, worse after long rides", False),
    ("arms crossing over my chest when I run, shoulders tight", False),
])
def test_red_flags_of_trampoline_parks_high_ropes_and_bowls_clubs(vocab: Vocabulary, text: str,
                                                                  flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_body_parts_named_in_lithuanian_croatian_telugu_and_somali(vocab: Vocabulary) -> None:
    for word in ("kelio", "koljeno", "mokalu", "jilib"):
        assert vocab.concepts_in(f"{word} sore", reader=True) == ["knee"], word
    assert vocab.concepts_in("blauzda and pikkalu tight", reader=True) == ["calf"]
    assert vocab.concepts_in("kaklas and qoorta stiff", reader=True) == ["neck"]
    assert vocab.concepts_in("stopalo and kulnas sore", reader=True) == ["foot"]
    # "lower" before the whole back's word; the Telugu waist; the Hindi "vrat" (a fast) is no Croatian neck
    assert vocab.concepts_in("lower nugara hurts", reader=True) == ["low_back"]
    assert vocab.concepts_in("nadumu pain after sitting", reader=True) == ["low_back"]
    assert vocab.concepts_in("running during vrat, legs weak", reader=True) == []


def test_a_name_in_another_language_inside_a_longer_phrase_is_no_correction(demo: SearchIndex) -> None:
    # "udon" is one letter from the thigh in "side of the udo"; the Scots "staunin" one from the Lithuanian's
    for q in ("udon before a race", "whit tae dae afore parkrun instead o staunin aboot"):
        notices = demo.search(SearchRequest(q=q)).notices
        assert not any(n.startswith("showing results for") and n != "showing results for any of the words"
                       for n in notices), (q, notices)


@pytest.mark.parametrize(("text", "best"), [
    # a comeback said "restarting"; no warm-up "start running from the car park"; the side of the thigh in Somali
    ("how many km when restarting, stopped for exams", {"1069"}),
    ("what should I do before intervals? I normally start running from the car park", {"1017"}),
    ("side of the bowdo sore, is foam roller worth it", {"1022"}),
    ("kaklas stiff after long run", {"1063"}),
])
def test_restarting_a_car_park_start_and_the_thigh_and_neck_in_somali_and_lithuanian(demo: SearchIndex, text: str,
                                                                                     best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # a biceps torn at the elbow; a choke then a hoarse voice; a cold sore reaching the eye; water drunk nonstop;
    # a calf named in Telugu, hot and swollen after a trip
    ("popped something in the crook of my elbow deadlifting, now the bicep has balled up near my shoulder", True),
    ("got choked hard in class, now my voice is hoarse and it hurts to swallow", True),
    ("cold sore spread to my eyelid and the eye is red and painful", True),
    ("drank water nonstop all through the hot tournament, now confused with a pounding headache", True),
    ("long bus trip, now one pikkalu hot, swollen and red", True),
    # harmless: a fever over; the Jamaican "nuh" denies; a heart settling back down; feeling back within the hour;
    # a skipped beat after pre-workout; a gel choked on; an elbow's pop with no bruise or bulge
    ("fever last week, fully recovered now, first run back felt heavy", False),
    ("calf tight after the flight, nuh swell, nuh hot, nuh red", False),
    ("heart races after a hard point but settles back down within a minute", False),
    ("fingers numb from gripping the bar, feeling comes back within the hour", False),
    ("the odd skipped beat lying in bed after pre-workout, never during training", False),
    ("choked on my gel at mile 20, throat a bit sore and voice croaky", False),
    ("elbow popped when I stretched it, no bruising, no bulge", False),
])
def test_red_flags_of_cricketers_pickleball_players_and_wrestlers(vocab: Vocabulary, text: str,
                                                                 flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_body_parts_named_in_albanian_punjabi_zulu_slovak_slovenian_and_irish(vocab: Vocabulary) -> None:
    for word in ("gjuri", "goda", "idolo", "glun"):
        assert vocab.concepts_in(f"{word} sore", reader=True) == ["knee"], word
    assert vocab.concepts_in("pulpa and colpa tight", reader=True) == ["calf"]
    assert vocab.concepts_in("qafa and muineal stiff", reader=True) == ["neck"]
    assert vocab.concepts_in("ruitin and iqakala rolled", reader=True) == ["ankle"]
    assert vocab.concepts_in("lower umhlane hurts", reader=True) == ["low_back"]
    assert vocab.concepts_in("lakk pain after sitting", reader=True) == ["low_back"]


@pytest.mark.parametrize(("text", "best"), [
    # race week said "is on saturday"; the neck named in Irish
    ("big race is on saturday and my legs feel flat", {"1018"}),
    ("muineal stiff after long runs", {"1063"}),
])
def test_race_week_is_on_saturday_and_the_neck_in_irish(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # water breathed in a capsize, the cough worse hours later; a leg landed on gone tight as a drum; a child's helmet
    # banged then sick and drowsy; a chest tight paddling, then at rest; a small spot on the shin sorer every week
    ("capsized and took in a lot of water, now still coughing hours later and my chest is tight", True),
    ("bike landed on my calf in the crash and now it's tight as a drum, can't move my toes", True),
    ("my son banged his helmet on the barrier, been sick twice and now drowsy", True),
    ("chest goes tight when paddling hard, and last night it came on sitting watching tv", True),
    ("one small spot on my shin getting sorer every week", True),
    # harmless: nerves on the start line; a chest protector's bruise; feet that ache after a day stood, fine by
    # morning; a beetroot shot; tingling gone in 10 minutes; a capsize's cough over; a groin that lets you hop
    ("heart pounding on the start line, settles a few minutes into the race", False),
    ("chest sore where the ball hit the chest protector, hurts when I press the bruise", False),
    ("feet ache at night after standing all day at the match, fine by the morning", False),
    ("pink pee after a beetroot shot, feel fine", False),
    ("tingling hands after a long paddle, gone in 10 minutes", False),
    ("capsized in the summer, coughed for a minute, fine now", False),
    ("groin twinge after lunges, walking and hopping are fine", False),
])
def test_red_flags_of_karting_paddocks_football_terraces_and_rowing_clubs(vocab: Vocabulary, text: str,
                                                                          flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_body_parts_named_in_latvian_estonian_yoruba_hausa_bulgarian_malayalam_marathi_and_haitian(
        vocab: Vocabulary) -> None:
    for word in ("celis", "polv", "orunkun", "gwiwa", "koliano", "muttu", "gudgha", "jenou"):
        assert vocab.concepts_in(f"{word} sore", reader=True) == ["knee"], word
    assert vocab.concepts_in("ikri and prasets tight", reader=True) == ["calf"]
    assert vocab.concepts_in("kakls and wuya stiff", reader=True) == ["neck"]
    assert vocab.concepts_in("glezen and cheviy rolled", reader=True) == ["ankle"]
    assert vocab.concepts_in("lower mugura hurts", reader=True) == ["low_back"]
    # the Estonian "kand" (the heel) is left out: "kand sore" is more often a hand typed
    assert vocab.concepts_in("kand sore", reader=True) == []


@pytest.mark.parametrize(("text", "best"), [
    # race week "is on this sunday"; the back and side of a thigh named in Haitian Creole and Latvian's knee
    ("my marathon is on this sunday, small pain in my calf, extra workout?", {"1018"}),
    ("pulled something in the back of my kwis sprinting, when can i run", {"1013"}),
    ("outside of celis hurts at the same km every run", {"1046"}),
])
def test_race_week_on_this_sunday_and_a_thigh_and_knee_in_haitian_and_latvian(demo: SearchIndex, text: str,
                                                                              best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # dragged under and water swallowed, coughing hours later; bruises without any knocks with nosebleeds; a
    # paintball in the eye with blood pooling; "pipi" dark like coke after squats; a Latvian calf after a flight
    ("got dragged under by a wave and swallowed a lot of water, hours later still coughing", True),
    ("my son is covered in bruises without any knocks and gets nosebleeds, always tired", True),
    ("paintball straight in the eye, now it's blurry with blood pooling at the bottom", True),
    ("legs massive after 300 squats, pipi dark like coke", True),
    ("after the flight one ikri is red, hot and swollen", True),
    # harmless: toes white in a cold sea swim, pink and warm again; a pellet off the eyebrow, sight fine
    ("toes went white and cold in the sea swim, pink and warm again after ten minutes", False),
    ("bb pellet hit my eyebrow, stung but vision fine", False),
])
def test_red_flags_of_beach_volleyball_hurling_and_airsoft(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_body_parts_named_in_georgian_armenian_kazakh_uzbek_gujarati_maori_and_hawaiian(vocab: Vocabulary) -> None:
    for word in ("mukhli", "tsunk", "tize", "tizza", "ghoontan", "turi", "kuli"):
        assert vocab.concepts_in(f"{word} sore", reader=True) == ["knee"], word
    assert vocab.concepts_in("baltyr and boldir tight", reader=True) == ["calf"]
    assert vocab.concepts_in("kiseri and moiyn stiff", reader=True) == ["neck"]
    assert vocab.concepts_in("lower tuara hurts", reader=True) == ["low_back"]
    # not the Maori "kaki" (the neck): the Malay and Indonesian foot
    assert vocab.concepts_in("kaki saya sakit", reader=True) != ["neck"]


@pytest.mark.parametrize("text", ["outside of the knee kipu, which stretch helps", "outside kolana, kipu, what to do"])
def test_a_place_said_to_hurt_in_another_language_points_to_its_injury(demo: SearchIndex, text: str) -> None:
    # the Finnish "kipu" (pain) says the place hurts, as "pain" would
    result = demo.search(SearchRequest(q=text))
    assert "Pain on the outside of the knee is often IT band syndrome." in result.notices
    assert result.hits[0].id == "1046"


@pytest.mark.parametrize(("text", "best"), [
    # a place said to hurt in another language's word for pain; the thigh's side and back named in Hindi and Maori
    ("tize outside part, auyrady always at the same km of the run and then I walk home", {"1046"}),
    ("turi outside bit, mamae at the same spot every run, then walk home", {"1046"}),
    ("outside of the jangh tight from hip to knee, foam roller?", {"1022", "1002"}),
    ("back of my huha tight after sitting all day", {"1031"}),
])
def test_a_pain_word_in_another_language_and_the_thigh_in_hindi_and_maori(demo: SearchIndex, text: str,
                                                                          best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # a chest tight with less effort each week, in the cold or not; a fingertip that will not bend after a grab;
    # words jumbled with an arm weak; sparkly spots, a headache and puffy hands after a birth; a disc to the eye
    ("58, chest tightness walking into the cold gym, now coming on with less effort each week", True),
    ("my ring finger tip won't bend after someone's jersey yanked it", True),
    ("words jumbled and my arm went weak for a minute", True),
    ("postpartum headache, seeing sparkly spots and my hands are puffy", True),
    ("disc hit my eye, blood sitting in the front of it and blurry", True),
    # harmless: scoops of pre-workout; a sit bone on hard chairs; a bruise rolled onto; numb after a drive, gone
    # once walked about; gasping the first few points on sand, recovering
    ("skipped beats on days with two scoops of pre-workout, fine otherwise", False),
    ("sit bone aches on hard chairs after a long day teaching", False),
    ("hip hurt in the night because I rolled onto the bruise", False),
    ("leg numb on a 5 hour drive, gone after walking around", False),
    ("gasping for air first few points on sand, recover fine", False),
    # a graded search: a tendon under the kneecap sore after jumping all night at a dance
    ("pain just under the kneecap on the tendon after garba navratri jumping all night, stairs also hurt", False),
])
def test_red_flags_of_crossfit_boxes_pilates_studios_and_ultimate_frisbee(vocab: Vocabulary, text: str,
                                                                         flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_body_parts_named_in_javanese_pashto_kurdish_maltese_and_setswana(vocab: Vocabulary) -> None:
    for word in ("dengkul", "zangun", "ejnu", "irkoppa", "lengole"):
        assert vocab.concepts_in(f"{word} sore", reader=True) == ["knee"], word
    assert vocab.concepts_in("gulu and ghonq stiff", reader=True) == ["neck"]
    assert vocab.concepts_in("boyok pain", reader=True) == ["low_back"]
    assert vocab.concepts_in("lower dahar hurts", reader=True) == ["low_back"]
    assert vocab.concepts_in("ghaksa rolled", reader=True) == ["ankle"]


@pytest.mark.parametrize(("text", "best"), [
    # the calf and heel in Javanese; the low back in Kurdish; a learner's comeback "when come back"
    ("wentis always tight even with daily stretching, low down near the tumit", {"1005"}),
    ("lower pasht like a knot after long run", {"1032"}),
    ("not run for 3 weeks at Lebaran, how many km when come back?", {"1069"}),
])
def test_a_calf_and_low_back_in_javanese_and_kurdish_and_a_comeback_when_come_back(demo: SearchIndex, text: str,
                                                                                  best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # harmless: bruises from remembered hits fading; a knee puffy after a dance's sword lock, going down; a heart
    # settling back to normal; gasping up a hill, breathing back to normal after a walk
    ("bruises everywhere from hits i remember at practice, they fade normally", False),
    ("knee a bit puffy after the sword lock on the cobbles, going down already", False),
    ("heart racing after the dance, settles back to normal in a couple of minutes", False),
    ("gasping for air up the hill, breathing was back to normal after walking a minute", False),
])
def test_red_flags_of_roller_derby_parkour_and_morris_sides(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_body_parts_named_in_scottish_gaelic_samoan_malagasy_khmer_and_tigrinya(vocab: Vocabulary) -> None:
    for word in ("tulivae", "lohalika", "chngkong", "berki"):
        assert vocab.concepts_in(f"{word} sore", reader=True) == ["knee"], word
    assert vocab.concepts_in("shafa and calpa tight", reader=True) == ["calf"]
    assert vocab.concepts_in("amhach and tenda stiff", reader=True) == ["neck"]
    assert vocab.concepts_in("low hiqo hurts", reader=True) == ["low_back"]
    assert vocab.concepts_in("kitrokely rolled", reader=True) == ["ankle"]


@pytest.mark.parametrize(("text", "best"), [
    # the back of a thigh named in Tigrinya; the neck in Tigrinya
    ("felt a grab in the back of the sheqa sprinting, walking fine now, when can i run", {"1013"}),
    ("kisad stiff after long runs", {"1063"}),
])
def test_the_back_of_the_thigh_and_the_neck_in_tigrinya(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # clear fluid from the nose after a knock to the head; a shot to the throat then a hoarse voice
    ("smacked my head on the rail, now clear watery fluid dripping from my nose", True),
    ("took a shot to the throat in goal, voice hoarse and it hurts to swallow", True),
    # harmless: a racing heart calmed within a minute, back to normal in 2 minutes; a fall onto a hip at 70,
    # walked home fine
    ("heart racing after the big drop, calmed down within a minute", False),
    ("heart racing after sprints, back to normal in 2 min", False),
    ("70, slipped on the jetty onto my hip, bruise but walked home fine", False),
])
def test_red_flags_of_skateparks_dragon_boats_and_lacrosse(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_body_parts_named_in_cebuano_tagalog_kinyarwanda_shona_chichewa_oromo_and_papiamento(
        vocab: Vocabulary) -> None:
    for word in ("tuhod", "ivi", "ibvi", "bondo", "jilba", "rodia"):
        assert vocab.concepts_in(f"{word} sore", reader=True) == ["knee"], word
    assert vocab.concepts_in("mutsipa and morma stiff", reader=True) == ["neck"]
    assert vocab.concepts_in("lower musana hurts", reader=True) == ["low_back"]
    assert vocab.concepts_in("mudhii pain", reader=True) == ["low_back"]
    # the Tagalog "likod" (back, and "behind") and "binti" (the calf, as often the whole leg) name nothing alone
    assert vocab.concepts_in("likod sore", reader=True) == []
    assert vocab.concepts_in("binti sore", reader=True) == []


@pytest.mark.parametrize(("text", "best"), [
    # "likod ng hita", the back of the thigh in Tagalog; the neck in Tagalog and Cebuano
    ("nag sprint ako tapos may humila sa likod ng hita ko", {"1013"}),
    ("stiff leeg after long runs", {"1063"}),
    ("liog stiff after longrun", {"1063"}),
])
def test_the_back_of_the_thigh_and_the_neck_in_tagalog_and_cebuano(demo: SearchIndex, text: str,
                                                                   best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # held under and water breathed in, coughing hours later; a fingertip that will not bend at all; headaches
    # shared after an old mine's bad air; a painful red blurred eye after swimming in contact lenses
    ("held under in the game and breathed in some water, hours later still coughing", True),
    ("fingertip won't bend at all since the hold ripped it", True),
    ("two of us have pounding headaches and feel confused after the old mine", True),
    ("contact lenses in the pool, now the eye is really painful and red and blurry, drops for chlorine?", True),
    # harmless: halos that cleared within the hour; water in the ear; a stiff neck from looking up, eased by heat;
    # an ankle walked out on with no pain on the bones
    ("halos around lights after swimming, cleared up within an hour", False),
    ("water stuck in my ear, pops out when I hop", False),
    ("stiff neck from looking up all day setting routes, headache at the back of my head, eases with heat", False),
    ("rolled my ankle, walked out fine, no pain on the bones", False),
])
def test_red_flags_of_water_polo_bouldering_and_caving(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_body_parts_named_in_icelandic_igbo_azerbaijani_and_galician(vocab: Vocabulary) -> None:
    for word in ("hne", "ikpere", "xeonllo", "rodiella"):
        assert vocab.concepts_in(f"{word} sore", reader=True) == ["knee"], word
    assert vocab.concepts_in("kalfi tight", reader=True) == ["calf"]
    assert vocab.concepts_in("okkli and nocello weak", reader=True) == ["ankle"]
    assert vocab.concepts_in("topuq hurts", reader=True) == ["foot"]
    assert vocab.concepts_in("mjodm and cadeira stiff", reader=True) == ["hip"]
    assert vocab.concepts_in("bel and lombo ache", reader=True) == ["low_back"]
    assert vocab.concepts_in("pescozo stiff", reader=True) == ["neck"]


@pytest.mark.parametrize(("text", "best"), [
    # the plank timed or asked about in the reader's own order, with the low back it is felt in
    ("plank 1 min and my lower back aches, hips sag by the end", {"1004", "1061"}),
    ("how long plank for runners, my low back sags and burns", {"1004", "1061"}),
    # the race this coming weekend, said without "is"
    ("10k this saturday, what should I eat and do the days before", {"1018"}),
])
def test_a_plank_timed_in_the_readers_words_and_a_race_this_weekend(demo: SearchIndex, text: str,
                                                                     best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # blood trapped inside the nose after a blow; a shin caught on a bench, the leg rock hard; a clash on the
    # mask, then sick and drowsy; a sudden sharp chest pain, a deep breath impossible (a pulled pec only guessed);
    # a Galician low back with the bladder lost
    ("took an elbow to the nose, now a soft purple lump inside is blocking both sides", True),
    ("caught my shin on the bench, lower leg rock hard and painkillers do nothing", True),
    ("took a blade on the mask, since then I've been sick twice and I'm drowsy", True),
    ("sudden sharp pain in my chest on the bars, short of breath and can't take a deep breath, pulled pec?", True),
    ("lombo sore and I couldn't control my bladder this morning, numb between the legs", True),
    # harmless: the court drill called suicides; a knee that aches at night only after heavy days and is
    # improving; a heart calmed within two minutes of stopping; a knock with no headache, dizziness or the like
    ("legs dead after suicide sprints at practice, how do I recover", False),
    ("ankle aches at night only after heavy training days, improving week on week", False),
    ("heart pounding after the drill, back to normal within two minutes of stopping", False),
    ("clashed heads in the game, no headache, dizziness, sickness or anything else, feel fine", False),
])
def test_red_flags_of_court_sports_fencing_and_gymnastics(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_body_parts_named_in_twi_luganda_luxembourgish_frisian_and_guarani(vocab: Vocabulary) -> None:
    for word in ("kotodwe", "evviivi", "knei", "knibbel", "tenypya"):
        assert vocab.concepts_in(f"{word} sore", reader=True) == ["knee"], word
    assert vocab.concepts_in("nantin and ekisinziiro sore", reader=True) == ["foot"]
    assert vocab.concepts_in("wued tight", reader=True) == ["calf"]
    assert vocab.concepts_in("ensingo and ajura stiff", reader=True) == ["neck"]
    assert vocab.concepts_in("lower omugongo hurts", reader=True) == ["low_back"]
    # the Twi "akyi" is also "behind": no back alone
    assert vocab.concepts_in("akyi sore", reader=True) == []


@pytest.mark.parametrize(("text", "best"), [
    # the warm-up named in French and German; no warm-up, running straight away; race week in French
    ("quel echauffement avant un 10k?", {"1017"}),
    ("aufwarmen before parkrun, what is good", {"1017", "1042"}),
    ("I start running straight away from my door and the first km feels like lead", {"1017"}),
    ("semaine avant le marathon de Paris, new shoes ok?", {"1018"}),
])
def test_the_warm_up_and_race_week_in_other_languages(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # a heart racing out of the blue for over an hour; a calf hot and swollen after a long bus ride, in Lao
    ("my heart suddenly started racing in the match and stayed like that, dizzy and breathless", True),
    ("after the 12 hour bus one song khaeng hot, swollen and red", True),
    # harmless: a beat skipped once in a while in bed and nothing else; a bruised foot walked and hopped on
    ("heart seems to skip once in a while when I lie down, nothing else, fine on court", False),
    ("dropped a dumbbell on my foot, bruised on top but I can walk and hop on it fine", False),
])
def test_red_flags_of_racket_sports_archery_and_marching_bands(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_body_parts_named_in_lingala_quechua_kalenjin_burmese_and_wolof(vocab: Vocabulary) -> None:
    for word in ("libolongo", "qunqur", "kutung'"):
        assert vocab.concepts_in(f"{word} sore", reader=True) == ["knee"], word
    assert vocab.concepts_in("chaki muqu twisted", reader=True) == ["ankle"]
    assert vocab.concepts_in("chi phawng tight", reader=True) == ["calf"]
    assert vocab.concepts_in("nkingo and kunka stiff", reader=True) == ["neck"]
    assert vocab.concepts_in("lower mokongo aches", reader=True) == ["low_back"]
    # the Wolof "om" (the knee) and "baat" (the neck) are left out: a chant, and the Hindi for a talk
    assert vocab.concepts_in("baat karo, om sore", reader=True) == []


@pytest.mark.parametrize(("text", "flagged"), [
    # struck in the chest and down; a crushing chest pain whatever the pre-workout; hearing gone while straining;
    # dragged under by a kite, coughing more by the hour
    ("a puck hit him in the chest and collapsed, he isn't breathing normally", True),
    ("two scoops of pre-workout and now a crushing chest pain", True),
    ("went deaf in my left ear suddenly on a heavy squat, ringing since", True),
    ("dragged underwater by the kite and swallowed a lot, hours later coughing and getting more breathless", True),
    # harmless: fingers numb from the grip that come back; hands tingling from fast breaths; a bruise sore only
    # when pressed and fading; an old fall walked back from and easing; breathing that pauses at altitude at night
    ("fingers go numb death gripping the bar, comes back a few minutes after I let go", False),
    ("hands tingle after fast breaths before a heavy lift, gone a minute later", False),
    ("shin bruise from the stick, only sore when I press the bruise, now fading yellow", False),
    ("I'm 71, slipped on the ice and landed on my hip, walked back fine and it's easing", False),
    ("at altitude I stop breathing for a few seconds in my sleep, fine by day", False),
])
def test_red_flags_of_hockey_strongman_and_kitesurfing(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_body_parts_named_in_hmong_fijian_kikuyu_breton_and_cornish(vocab: Vocabulary) -> None:
    for word in ("hauv caug", "duruna", "iru", "glin"):
        assert vocab.concepts_in(f"{word} sore", reader=True) == ["knee"], word
    assert vocab.concepts_in("luj tawb and kof-gar tight", reader=True) == ["calf"]
    assert vocab.concepts_in("caj dab and gouzoug stiff", reader=True) == ["neck"]
    assert vocab.concepts_in("duav tight after long runs", reader=True) == ["low_back"]
    # the Breton "kein" (the back) is the German "no"; the Macedonian "list" (the calf) an English word
    assert vocab.concepts_in("kein problem, my list of runs", reader=True) == []


@pytest.mark.parametrize(("text", "place"), [
    # a knee named in one word inside another's name of several: the Welsh kneecap is no Breton knee
    ("outside of my pen-glin sore every run", "knee.outside"),
    ("outside of my glin sore every run", "knee.outside"),
    ("outside of my hauv caug sore every run", "knee.outside"),
    # a longer name of a body part with no English name of one word: the gluteus medius, not the glutes
    ("side of my moyen fessier sore when running", "glute_med.outside"),
    ("side of the gluteo medio weak", "glute_med.outside"),
])
def test_a_place_of_a_body_part_named_in_another_language(vocab: Vocabulary, text: str, place: str) -> None:
    assert [p.key for p in vocab.places(text, search=True)] == [place]


@pytest.mark.parametrize(("text", "flagged"), [
    # fingers white in the cold, then purple-black with blood blisters; the worst headache ever, said so
    ("fingers white and hard on the -20 run, after warming them they went purple black with blood blisters", True),
    ("sudden worst-ever headache at the top of the abseil", True),
    # harmless: a nip that barely grazed the skin; a numb seat back within minutes, bladder and bowels
    # normal; feet that slap the road at the end of a run; tingling gone once the bag changed shoulders
    ("the dog nipped my hand in the tangle, barely grazed, washed it", False),
    ("bum numb on the cold sled for an hour, came back within minutes of standing, bowels totally normal", False),
    ("front of my shins ache and my feet slap the road at the end of the run", False),
    ("pins and needles in my hand from the bag on one shoulder, gone once I switched sides", False),
])
def test_red_flags_of_paragliding_mushing_and_canyoning(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_body_parts_named_in_cyrillic(vocab: Vocabulary) -> None:
    # Russian, Ukrainian, Belarusian, Bulgarian, Kazakh and Tatar readers typing the names in their own letters
    for word in ("колено", "коліно", "калена", "коляно", "тизе"):
        assert vocab.concepts_in(f"{word} sore on stairs", reader=True) == ["knee"], word
    assert vocab.concepts_in("шея and муен stiff", reader=True) == ["neck"]
    assert vocab.concepts_in("поясница tight after the long run", reader=True) == ["low_back"]
    assert vocab.concepts_in("икры always tight", reader=True) == ["calf"]
    assert vocab.concepts_in("пятка hurts in the morning", reader=True) == ["foot"]
    assert vocab.concepts_in("ягодица aches", reader=True) == ["glutes"]
    assert vocab.concepts_in("плечи tense", reader=True) == ["shoulders"]
    # a Cyrillic word with a commoner meaning is no body part: a leaf, Bulgarian white, gates
    assert vocab.concepts_in("лист бел врата", reader=True) == []


def test_body_parts_named_in_belarusian_yiddish_kyrgyz_tatar_and_tajik(vocab: Vocabulary) -> None:
    for word in ("kalena", "kni", "zonu"):
        assert vocab.concepts_in(f"outside of my {word} sore", reader=True) == ["knee"], word
    assert vocab.concepts_in("haldz and moyun stiff", reader=True) == ["neck"]
    assert vocab.concepts_in("poshna and pyate sore", reader=True) == ["foot"]
    assert vocab.concepts_in("lytki and vades tight", reader=True) == ["calf"]
    assert vocab.concepts_in("pajasnica tight", reader=True) == ["low_back"]
    assert vocab.concepts_in("iyin and aksl tense", reader=True) == ["shoulders"]
    # the Tatar "tez" (the knee) is the Hindi "sharp": "tez dard" is a sharp pain
    assert vocab.concepts_in("tez dard shuru", reader=True) == []


@pytest.mark.parametrize(("text", "best"), [
    # the neck and the calf in Cyrillic, the front of a knee that hurts on stairs in Belarusian; a plank in Belarusian
    ("шыя always stiff after my long runs, shoulders up", {"1063"}),
    ("икры tight every day even though I stretch them at the wall", {"1005"}),
    ("outside of my калена hurts at 5 km every run", {"1046"}),
    ("planka, hips sag at 40 seconds, am I doing it right", {"1061", "1004"}),
])
def test_names_in_cyrillic_and_a_plank_in_belarusian(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # new weakness in one arm after a crash; a blow between the legs, swollen high up and sick; a helmet hit
    # and sick since; a knee bent backwards and a foot gone cold and numb; a drooping eyelid with a small pupil
    # after a choke; a collapse in sparring; a red line going up from a blister
    ("new weakness in my left arm since I came off the bike yesterday", True),
    ("racked myself on the bar, one side swollen and high and I've been sick", True),
    ("helmet hit the road hard, thrown up twice and sleepy", True),
    ("knee went the wrong way in the tackle and now my foot is cold and I can't feel it", True),
    ("after the choke my neck aches, my eyelid is drooping and one pupil is smaller", True),
    ("he collapsed in sparring with nobody touching him", True),
    ("blister on my toe and a red line goes up my foot", True),
    # harmless: a graze weeping clear fluid; fingers numb in the cold, back after minutes in the warm; weight
    # lost on a trip and eating again; chilblains; numb feet after kneeling gone within minutes
    ("knee graze weeping clear fluid, no spreading redness", False),
    ("fingers numb at minus 10 on the start line, come back after a few minutes in the warm van", False),
    ("lost 2kg at the camp, the food was awful, eating normally again now", False),
    ("toes red and itchy after cold training, chilblains?", False),
    ("feet numb after long kneeling, goes away few minutes after I stand", False),
])
def test_red_flags_of_bmx_bobsleigh_and_sumo(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_body_parts_named_in_sindhi_assamese_xitsonga_tshivenda_ewe_and_corsican(vocab: Vocabulary) -> None:
    for word in ("athu", "tsolo", "khundu", "ghjinochju", "genugu", "genolh"):
        assert vocab.concepts_in(f"outside of my {word} hurts", reader=True) == ["knee"], word
    assert vocab.concepts_in("khuri and afɔkpodzi sore in the morning", reader=True) == ["foot"]
    assert vocab.concepts_in("afokpodzi sore", reader=True) == ["foot"]
    assert vocab.concepts_in("chelh and kokal stiff", reader=True) == ["low_back"]
    assert vocab.concepts_in("dingi, nhamu and collu stiff", reader=True) == ["neck"]
    assert vocab.concepts_in("abota tense", reader=True) == ["shoulders"]
    # the Ewe "klo" (the knee) is the German loo
    assert vocab.concepts_in("klo sore", reader=True) == []


@pytest.mark.parametrize(("text", "best"), [
    # a knee named in Xitsonga, the heel in Sindhi, the neck in Sardinian
    ("outside of my tsolo hurts", {"1046"}),
    ("khuri sore", {"1050", "1009"}),
    ("collu stiff after long runs, shoulders tense", {"1063"}),
])
def test_a_knee_heel_and_neck_in_xitsonga_sindhi_and_sardinian(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # a fall from a horse with a worsening headache, sickness and confusion; a pop in the heel and no tiptoe;
    # out for some seconds on a climb; a calf hot, red and swollen after a flight, named in Sindhi
    ("she fell off the pony yesterday, headache getting worse, sick twice and muddled", True),
    ("felt a pop in heel on the hill sprint, can't stand on my toes on that side", True),
    ("went down on the last climb, out for some seconds, no warning", True),
    ("after the flight my left pini is hot, red and swollen", True),
    # a left shoulder and arm aching on effort with sweating, gone once sat down: the heart's warning
    ("left shoulder and arm ache during hurdle drills with sweating, went away when I sat down", True),
    # harmless: black stools from iron tablets; a groin strain with the testicles fine; toes numb in tight
    # boots, feeling back once they are off; a new knee a little swollen, less each week; a fading bruise on
    # blood thinners; a night woken only by rolling onto a bruise, jogging fine
    ("black poo since starting iron tablets, otherwise fine", False),
    # falling off the pace is no fall
    ("fell off the pace at mile 20, headache and felt sick after", False),
    ("groin ache when I squeeze my knees together, testicles fine", False),
    ("toes numb in tight ski boots, feeling back a few minutes after the boots are off", False),
    ("new knee is 10 weeks old, a bit swollen by evening but less every week, no fever", False),
    ("on blood thinners, banged my knee on the table, bruise is fading yellow", False),
    ("I am 70, hip woke me at night as I rolled onto the bruise from my fall, walking and jogging fine", False),
])
def test_red_flags_of_polo_biathlon_and_masters_athletics(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_body_parts_named_in_sami_greenlandic_tetum_chamorro_aymara_nahuatl_and_bemba(vocab: Vocabulary) -> None:
    for word in ("cibbet", "seeqquk", "ruin tur", "tuhot", "qunquri", "tlankuatl", "iikufi"):
        assert vocab.concepts_in(f"outside of my {word} hurts", reader=True) == ["knee"], word
    assert vocab.concepts_in("ceabet, kakorok and agaga stiff", reader=True) == ["neck"]
    assert vocab.concepts_in("ain-kabun always tight", reader=True) == ["calf"]
    assert vocab.concepts_in("apaga tense", reader=True) == ["shoulders"]
    # the Tetum "moras" and the Chamorro "puti" (it hurts) are Spanish blackberries and Tagalog white: no pain word
    assert {"metak", "usuchi"} <= set(vocab.symptom_sections.pain_words)
    assert not {"moras", "puti"} & set(vocab.symptom_sections.pain_words)


@pytest.mark.parametrize(("text", "best"), [
    # the calf in Tetum, the neck in Sami and in Tetum
    ("ain-kabun tight all the time even though I stretch", {"1005"}),
    ("ceabet stiff after long runs, shoulders up by my ears", {"1063"}),
    ("kakorok stiff after long runs", {"1063"}),
])
def test_a_calf_and_neck_named_in_tetum_and_sami(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # a teammate down, unresponsive and gasping; sight lost in one eye for minutes; a wrist that hangs
    ("my friend went down in the match, unresponsive, breathing weird", True),
    ("lost all vision in one eye for a minute on the bars, then it came back", True),
    ("slept on my arm after a long hang and now my wrist just flops", True),
    # harmless: light-headed coming up from upside down, settling once sat; a thigh numb under tight lycra;
    # a blow between the legs, fine now; a heart racing after a sprint that calms right down; a back that
    # aches only on a floor mattress; someone saying the reader's running looks funny
    ("light headed coming up from an inversion, settles if I sit", False),
    ("numb patch on my outer thigh in tight lycra shorts, goes after I change", False),
    ("took a ball to the groin, hurt for a few minutes, fine now", False),
    ("heart racing after the sprint drill then calms right down", False),
    ("my back aches at night on the floor mattress, gone after moving around", False),
    ("my coach says looks funny when I land, how to fix my form", False),
])
def test_red_flags_of_kabaddi_capoeira_and_pole_dance(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_body_parts_named_in_uyghur_tibetan_mizo_kabyle_and_bambara(vocab: Vocabulary) -> None:
    for word in ("tiz", "pus mo", "khuk", "afud", "gonsen", "hofru"):
        assert vocab.concepts_in(f"outside of my {word} hurts", reader=True) == ["knee"], word
    assert vocab.concepts_in("mjing pa, nghawng and amgerd stiff", reader=True) == ["neck"]
    assert vocab.concepts_in("tapan and tingpa sore in the morning", reader=True) == ["foot"]
    assert vocab.concepts_in("phrag pa and tayett tense", reader=True) == ["shoulders"]
    # the Mizo "khup" (the knee) is the Marathi "very"; the Uyghur "mure" (the shoulder) a French blackberry
    assert vocab.concepts_in("khup dukhte, mure", reader=True) == []


@pytest.mark.parametrize(("text", "flagged"), [
    # blood in the pee after a kick to the kidney; a collapse after a ball to the chest; a chest tight like a
    # band when carrying, easing once stopped; air crackling under the skin after a dive; a sausage finger held
    # bent after a spine went in; a stingray's barb left in; coughing worse after a blackout in the water
    ("took a knee to the kidney, now pee got red blood in it", True),
    ("collapsed for a few seconds after a shot hit my chest", True),
    ("chest goes tight like a band when I carry the stones, eases after five minutes stopped", True),
    ("after the dive the skin on my neck crackles when I press it", True),
    ("thorn went into my finger, now it is sausage shaped and stays bent", True),
    ("stingray got my foot, barb still in there and it is swelling fast", True),
    ("blacked out at the surface this morning, now coughing and wheezy and worse tonight", True),
    # harmless: dark pee that is clear again after water; red pee after dragon fruit
    ("pee dark after the tournament, after two litres of water it is clear again", False),
    ("red pee this morning after a big bowl of dragon fruit, feel fine", False),
])
def test_red_flags_of_sepak_takraw_highland_games_and_freediving(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_body_parts_named_in_ilocano_sundanese_minangkabau_mauritian_creole_and_dholuo(vocab: Vocabulary) -> None:
    for word in ("tumeng", "lutuik", "tuur", "zenou"):
        assert vocab.concepts_in(f"outside of my {word} hurts", reader=True) == ["knee"], word
    assert vocab.concepts_in("tengnged, beuheung and likou stiff", reader=True) == ["neck"]
    assert vocab.concepts_in("ng'ut stiff", reader=True) == ["neck"]
    assert vocab.concepts_in("abaga and taktak tense", reader=True) == ["shoulders"]
    assert vocab.concepts_in("keuneung nyeri in the morning", reader=True) == ["foot"]
    # the Tok Pisin "skru" (the knee) is the Danish and Norwegian "screw"; the Mauritian "mollé" (the calf) the
    # French and Italian "soft"
    assert vocab.concepts_in("skru, molle", reader=True) == []


@pytest.mark.parametrize(("text", "best"), [
    # the neck in Mauritian Creole; the warm-up before "the" race distance
    ("likou stiff after my long run", {"1063"}),
    ("what to do before the 5k start, long stretches or moving ones?", {"1017"}),
])
def test_a_neck_in_creole_and_a_warm_up_before_the_race(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # a blocked catheter with a pounding headache; a fever of 39 said as a number
    ("my catheter isn't draining and a headache is starting to pound", True),
    ("burning when I pee, temp 39 and shivering", True),
    # harmless: a headache from a tight strap, gone when it is loosened, blood pressure normal; dizzy for a
    # moment as always, cleared with water; phantom limb tingling as always; fingers white in the cold, pink
    # again with gloves on; weight lost on a plan with periods normal
    ("T6 para, headache from a tight chest strap, goes as soon as I loosen it, BP normal", False),
    ("light headed for a second moving into my chair, always been like that", False),
    ("phantom limb tingling, same as it always is", False),
    ("fingers white at the start, then pink and tingly with gloves on", False),
    ("lost 2 kg on the nutritionist's plan, periods normal, energy good", False),
])
def test_red_flags_of_ballroom_wheelchair_racing_and_ski_jumping(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_body_parts_named_in_bhojpuri_krio_swati_balinese_and_hawaiian(vocab: Vocabulary) -> None:
    for word in ("thehuna", "lidvolo", "entud", "teuot"):
        assert vocab.concepts_in(f"outside of my {word} hurts", reader=True) == ["knee"], word
    assert vocab.concepts_in("intsamo, takue and baong stiff", reader=True) == ["neck"]
    assert vocab.concepts_in("kandhe and lehetla tense", reader=True) == ["shoulders"]
    assert vocab.concepts_in("sholda and tapono tense", reader=True) == ["shoulders"]
    assert vocab.concepts_in("lunyawo sore under the heel", reader=True) == ["foot"]
    assert vocab.concepts_in("deep ache in my botom", reader=True) == ["glutes"]


@pytest.mark.parametrize(("text", "best"), [
    # the back in Krio and Balinese, said with what hurts in Bhojpuri and Hawaiian; a start "cold" named as the
    # run begun without a warm-up; a workout for a room too small, in a winter too cold to go out
    ("bak sore every morning, hard to bend and tie my shoe", {"1041"}),
    ("rueng sore after long run", {"1032"}),
    ("thehuna dukhata on the outside at the same km every run", {"1046"}),
    ("what to do before a parkrun, I normally just start running cold from the car park", {"1017"}),
    ("core workout for my room, too cold to go out this winter", {"1071"}),
])
def test_the_back_in_krio_and_balinese_and_a_start_from_cold(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # a heart pounding with a faint felt coming; a face hanging on one side with words mixed up, better now;
    # a chest getting tighter hours after inhaling a lot of water in a rapid
    ("heart pounding fast at the start of training, felt like I will faint, had to sit on the bench", True),
    ("her face was hanging on one side and her words got mixed up, seems better now", True),
    ("inhaled lots of water in the rapid, now hours later coughing and it's getting worse", True),
    # harmless: feet numb from kneeling in the boat, back within minutes of getting out; breathless only on the
    # climb up at altitude, fine at rest and better each day (a guard: it passed before too)
    ("toes numb kneeling in the canoe, back to feeling within minutes of getting out", False),
    ("a bit breathless walking up to the lake on our first days in the mountains, fine at rest, better each day",
     False),
])
def test_red_flags_of_handball_netball_and_kayak_slalom(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_body_parts_named_in_sranan_seychellois_creole_and_tagalog(vocab: Vocabulary) -> None:
    assert vocab.concepts_in("outside of my kindi hurts", reader=True) == ["knee"]
    assert vocab.concepts_in("neki stiff", reader=True) == ["neck"]
    assert vocab.concepts_in("skowru and zepol tense", reader=True) == ["shoulders"]
    assert vocab.concepts_in("lipye sore under the heel", reader=True) == ["foot"]
    assert vocab.concepts_in("deep ache in my pwet", reader=True) == ["glutes"]
    assert vocab.concepts_in("dibdib tight", reader=True) == ["chest"]
    # the Waray and Cebuano "tiil" (the foot) is left out: a Cebuano overstride said with it became the
    # footstrike post's; the Samoan "tiga" (it hurts) is the Malay and Indonesian "three"
    assert vocab.concepts_in("tiil", reader=True) == []


@pytest.mark.parametrize(("text", "best"), [
    # the knee in Sranan with what hurts, at the same point of every run; a run begun straight from the house
    ("kindi hati on the outside at the same km of every run", {"1046"}),
    ("neki stiff after my long run", {"1063"}),
    ("I go out of the house and start running directly, how should I warm up?", {"1017"}),
])
def test_a_knee_and_neck_in_sranan_and_a_run_begun_from_the_house(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # a chest pressing in Tagalog on a tempo run with a near collapse, asking only whether to stretch; a leg gone
    # rock hard after a stone hit it, its pain out of proportion; a finger puffy like a sausage that hurts when
    # straightened; fine after inhaling muddy water, then coughing and more breathless hours later
    ("tempo run kanina, pressure sa dibdib then nahilo, almost collapse. stretch ba?", True),
    ("took a stone on the shin, now the leg is rock hard and the pain is way out of proportion", True),
    ("my finger is puffy like a sausage and it hurts like mad if I try to straighten it", True),
    ("inhaled a lot of water at the dunk pit, felt fine after but now hours later coughing more and more", True),
    # harmless: a shin lump from a stone getting smaller, toes moving normally; the odd skipped beat after a
    # coffee; feet tingling from wet laces, gone once loosened
    ("bruised lump on my shin where a stone hit, getting smaller, moving my toes normally", False),
    ("the odd skipped beat on the sofa after a coffee, lasts a second", False),
    ("top of my foot numb mid race, loosened my wet laces and it went", False),
    # a search, not a flag: thighs sore for days after every descent, "cannot walk well"
    ("quads destroyed for days after the downhill race, I cannot walk well", False),
])
def test_red_flags_of_dodgeball_curling_and_obstacle_racing(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_body_parts_named_in_esperanto_hokkien_pashto_dari_and_belize_kriol(vocab: Vocabulary) -> None:
    for word in ("genuo", "kha thau u", "zangoon"):
        assert vocab.concepts_in(f"outside of my {word} hurts", reader=True) == ["knee"], word
    assert vocab.concepts_in("piedo and kalkano sore", reader=True) == ["foot"]
    assert vocab.concepts_in("suroj tight", reader=True) == ["calf"]
    assert vocab.concepts_in("lumbo stiff", reader=True) == ["low_back"]
    assert vocab.concepts_in("am kun stiff", reader=True) == ["neck"]
    assert vocab.concepts_in("sxultroj, keng thau, ooga and shoulda tense", reader=True) == ["shoulders"]
    assert vocab.concepts_in("kokso sore", reader=True) == ["hip"]
    # the Esperanto "kolo" (the neck) is the Polish "near" and the Czech "wheel"
    assert vocab.concepts_in("kolo", reader=True) == []


@pytest.mark.parametrize(("text", "best"), [
    # the knee in Esperanto and a region said twice ("outside side"), at the same point of every run; the
    # neck in Hokkien; arms crossing in front of the chest, an arm swing and not the chest
    ("genuo hurts on the outside at the same km of every run", {"1046"}),
    ("knee outside side pain at 5 km every run", {"1046"}),
    ("am kun stiff after long run", {"1063"}),
    ("arms crossing in front of the chest when running", {"1020", "1065"}),
])
def test_a_knee_in_esperanto_a_neck_in_hokkien_and_arms_across_the_chest(demo: SearchIndex, text: str,
                                                                         best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # a calf swollen, red and hot after a long flight, in Esperanto; fingertips going black after the cold;
    # a headache getting worse with vomiting and drowsiness after a crash into the wall; a ball in the eye
    # with blood sitting in it
    ("long flight home, now my suro is swollen, red and hot", True),
    ("fingertips white on the start line and now going black at the tips", True),
    ("crashed into the wall on the sled, headache getting worse tonight, vomited and really drowsy", True),
    ("got a sliotar in the eye, blurry and blood sitting in the front of it", True),
    # harmless: a heart racing in the start house that settles down the track; a groin sore after drills with
    # hopping fine; a bum numb on a hard bench, normal once stood up; a boot to the calf with a purple bruise
    # and the swelling going down
    ("heart racing in the start house, settles once I'm going", False),
    ("groin a bit sore after new hip drills, I can stand and hop on one leg fine", False),
    ("bum went numb on the hard stadium bench, normal again once I stood up, no back pain", False),
    ("took a boot in the calf, big purple bruise, swelling is going down", False),
])
def test_red_flags_of_luge_race_walking_and_gaelic_football(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_body_parts_named_in_scots_bavarian_and_afrikaans(vocab: Vocabulary) -> None:
    assert vocab.concepts_in("outside of my knia hurts", reader=True) == ["knee"]
    assert vocab.concepts_in("wadln and kuite tight", reader=True) == ["calf"]
    assert vocab.concepts_in("kreiz stiff", reader=True) == ["low_back"]
    assert vocab.concepts_in("gnack stiff", reader=True) == ["neck"]
    assert vocab.concepts_in("shooder and shouther stiff", reader=True) == ["shoulders"]
    assert vocab.concepts_in("fersn and hak sore", reader=True) == ["foot"]
    assert vocab.concepts_in("deep ache in my doup", reader=True) == ["glutes"]


@pytest.mark.parametrize(("text", "best"), [
    # the neck in Bavarian
    ("Gnack stiff after long runs", {"1063"}),
])
def test_a_neck_in_bavarian(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # a calf swollen and hot after a long flight, in Bavarian; a nose kicked with a soft purple swelling inside;
    # thirst, peeing all night and weight falling off; a face and arm numb on one side for minutes, passed;
    # white, cold fingers with a fingertip sore that won't heal; a tear felt in the chest on a heavy bench with
    # the armpit bruised
    ("flew home yesterday, now my Wadl is swollen, hot and red", True),
    ("got kicked in the nose, now there's a soft purple swelling inside and both sides are blocked", True),
    ("peeing all night, thirsty all day, lost weight", True),
    ("numb face and arm on one side for ten minutes, back to normal now", True),
    ("fingers go white and cold when I train and a sore on my fingertip won't heal", True),
    ("felt something tear in my chest on a heavy bench, now my armpit is bruised purple", True),
    # harmless: a "wee bit" stiff back with a bum numb from a bench, gone after walking about; a groin strain
    # with the testicles completely fine; an ankle rolled with no pain pressing on the bones
    ("doup numb on the hard bench and my back's a wee bit stiff, went away after a couple of minutes walking about",
     False),
    ("groin strain, hurts when I squeeze my legs together, testicles completely fine", False),
    ("rolled my ankle, walked off fine, a bit swollen, no pain pressing on the bones", False),
    # a search, not a flag: headers named as what brings on a knee's pain
    ("pain under the kneecap, worse jumping for headers", False),
])
def test_red_flags_of_artistic_swimming_darts_and_throwing(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_a_word_said_without_its_g_is_read_before_the_red_flags(demo: SearchIndex) -> None:
    # "walkin" is read as "walking" because no vocabulary text says "walkin": a harmless cause written
    # with a g-dropped word would keep it from being read so (a calf's claudication went unflagged)
    search = SearchRequest(q="calves cramp up after walkin a couple blocks, goes when i stand still")
    assert demo.search(search).red_flags


def test_body_parts_named_in_turkmen_chechen_bislama_and_urdu(vocab: Vocabulary) -> None:
    assert vocab.concepts_in("outside of my dyz hurts", reader=True) == ["knee"]
    assert vocab.concepts_in("pain behind the chapni", reader=True) == ["knee"]
    assert vocab.concepts_in("baldyr and kaf tight", reader=True) == ["calf"]
    assert vocab.concepts_in("okje sore", reader=True) == ["foot"]
    assert vocab.concepts_in("vorta stiff", reader=True) == ["neck"]
    assert vocab.concepts_in("gitta weak", reader=True) == ["ankle"]
    assert vocab.concepts_in("raan tight", reader=True) == ["quadriceps"]
    # Bislama's knee and heel only with their owner: "ni" alone is the French and Spanish "nor", "hil" a hill
    assert vocab.concepts_in("ni blong mi i soa", reader=True) == ["knee"]
    assert vocab.concepts_in("ni", reader=True) == []
    assert vocab.concepts_in("ron daon long bigfala hil", reader=True) == []


@pytest.mark.parametrize(("text", "best"), [
    # regions said after the body part in Hindi and Urdu ("the knee's outside", "the thigh's front") and in
    # Bislama; a guess in Hindi ("kya ye ... hai?": is this ...?) is wondered about, not searched for
    ("ghutne ke bahar wali side pe dard, kya ye runner knee hai?", {"1046"}),
    ("raan ke aage wale muscle tight rehte hain", {"1054"}),
    ("kulhe ke aage jakran rehti hai, din bhar baitha rehta hun", {"1008", "1052"}),
    ("jaangh ke peeche khinchav sprint mein", {"1013"}),
    ("aotsaed blong ni i soa evri ron", {"1046"}),
    # "soa" is sore in Bislama, not the psoas as heard ("soas"), which needs what shows it is the muscle
    # (the second passes before too: a guard)
    ("kaf i soa", {"1005", "1053", "1031"}),
    ("stretch for my soas, front of hip tight", {"1008", "1052"}),
    # a kneeling stretch asked for is no knee
    ("hip front tight after all day sitting, leg not go back when running. stretch on knee?", {"1008", "1052"}),
    # a break from running in Urdu
    ("6 hafte run band raha, ab wapsi kaise karun", {"1069"}),
])
def test_places_in_urdu_and_bislama_and_a_guess_in_hindi(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # sciatica in both legs with an accident; an accident with back pain, not felt coming; a player collapsed
    # sprinting; a helmet hit with a headache building and confusion; a forearm crushed under a boat, tight,
    # its pain far more than it should be; back pain with no control of the urine, in Urdu
    ("sciatica going down both legs and I had an accident, didn't make it to the toilet", True),
    ("back pain after deadlifts and today I had an accident, didn't feel that I needed to go", True),
    ("our centre collapsed sprinting to the post, says he feels fine now", True),
    ("ball smacked my helmet this morning, headache getting worse and I'm confused", True),
    ("the boat landed on my forearm, now it's tight as a drum and hurts way more than it should", True),
    ("kamar dard aur peshab pe control nahi", True),
    # harmless: legs sore days after a hilly race, can't walk down the steps; dizzy after rolling a kayak
    # again and again, gone once sat up; fingers numb from the wrist angle in a squat, normal right after;
    # an ear blocked with water that pops out with a hop
    ("legs sore after the hilly race, cant walk down the steps", False),
    ("dizzy for a few seconds after lots of kayak rolls in a row, gone once I sit up", False),
    ("fingers go numb in low bar squats from the wrist angle, normal again right after the set", False),
    ("ear blocked after capsizing, water in it, pops out when I tilt my head and hop", False),
])
def test_red_flags_of_korfball_canoe_polo_and_powerlifting(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_body_parts_named_in_bengali_fiji_hindi_and_ossetian(vocab: Vocabulary) -> None:
    # Bengali names as inflected ("hatur": of the knee; "komore": in the waist)
    assert vocab.concepts_in("hatur bairer dike betha", reader=True) == ["knee"]
    assert vocab.concepts_in("komore betha", reader=True) == ["low_back"]
    assert vocab.concepts_in("kuchki te tan", reader=True) == ["adductors"]
    assert vocab.concepts_in("kadh stiff", reader=True) == ["shoulders"]
    assert vocab.concepts_in("pindri always tight", reader=True) == ["calf"]
    assert vocab.concepts_in("front of zæng burning", reader=True) == ["shin"]


@pytest.mark.parametrize(("text", "best"), [
    # a region said in Bengali after the knee, with a sharp pain ("dharalo"); the groin and the low back as
    # Bengali inflects them; shoes and a comeback in Bengali; the IT band and the roller in Italian
    ("protibar 4 km e hatur bairer dike dharalo betha, hete bari firte hoy", {"1046"}),
    ("kuchki te tan, hill korle beshi. stretch?", {"1027"}),
    ("komore betha thakle kon core exercise safe?", {"1021"}),
    ("amar flat foot, dokaner lok bolche motion control juta", {"1025"}),
    ("3 shoptaho dauray ni, abar shuru korte chai, koto km?", {"1069"}),
    ("roll bandelletta with the rullo, useful? I cry every time", {"1022"}),
])
def test_places_and_guesses_in_bengali_and_a_roller_in_italian(demo: SearchIndex, text: str,
                                                               best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # toes white and hard after a match at minus thirty, now blistered and grey-black (the minus is lost);
    # toes still white, waxy and numb an hour after warming; a pressure sore gone deep and smelly with the
    # shakes; a pressure on the chest with everything going black
    ("toes were white and hard after the -30 game, now blistered and grey-black, how do I rewarm them?", True),
    ("took my boots off after the outdoor game, toes white, waxy and hard, still numb an hour after warming", True),
    ("pressure sore on my sitting bone is a deep hole now, smells and leaks yellow", True),
    ("running by the sea I feel a pressure on the chest, heavy, and everything go black for a moment", True),
    # harmless: a red mark on the sitting bone that blanches and fades; a strap pressing on the chest (a guard:
    # unflagged before too)
    ("red mark on my sitting bone from the seat, goes white when I press it and fades", False),
    ("sports bra strap leaves pressure on my chest, a red line by evening", False),
])
def test_red_flags_of_goalball_bandy_and_sled_hockey(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_body_parts_named_in_marathi_malayalam_telugu_nepali_sinhala_and_tamil(vocab: Vocabulary) -> None:
    # Marathi and Malayalam names as inflected ("gudghyachya", "muttinte": of the knee)
    assert vocab.concepts_in("gudghyachya and muttinte pain", reader=True) == ["knee"]
    assert vocab.concepts_in("nadgichya aatlya kadela dukhta", reader=True) == ["shin"]
    assert vocab.concepts_in("tachechya khali dukhta", reader=True) == ["foot"]
    assert vocab.concepts_in("khande and bhujalu stiff", reader=True) == ["shoulders"]
    assert vocab.concepts_in("kaalvanna tight", reader=True) == ["calf"]
    assert vocab.concepts_in("wilumba ridenawa", reader=True) == ["foot"]
    assert vocab.concepts_in("pirra lo noppi", reader=True) == ["glutes"]
    assert vocab.concepts_in("iduppu vali", reader=True) == ["low_back"]


@pytest.mark.parametrize(("text", "best"), [
    # a region said after the knee in Telugu and Nepali ("ko": of), the inner edge of the shin in Marathi,
    # a break from running in Marathi and in Malayalam, the calf in Malayalam
    ("mokalu bayata vaipu sharp noppi, every run 3 km daggara", {"1046"}),
    ("mero ghuda ko bahira tira dukhcha, harek choti 4 km pachi", {"1046"}),
    ("nadgichya aatlya kadela dukhta, km vadhavle", {"1014", "1040"}),
    ("Diwali nantar 3 athavde run band hota, ata parat suru karaycha", {"1069"}),
    ("5 aazhcha odiyilla, ippo thirichu thudangumbo ethra km odanam?", {"1069"}),
    ("ethra stretch cheythaalum kaalvanna tight thanne", {"1005"}),
])
def test_places_in_telugu_nepali_and_marathi_and_a_break_in_marathi(demo: SearchIndex, text: str,
                                                                    best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # low back pain with no control of the urine, the back said in Tamil
    ("iduppu vali 2 naala, urine control um sariya illa", True),
    # harmless: skipped beats after a triple espresso and nothing else; a chest wall sore where the bike's
    # top tube sits on the shoulder
    ("a few skipped beats in bed after a triple espresso, no dizziness, no chest pain", False),
    ("little twinge in my chest wall right where the top tube sits when I shoulder the bike, hurts when I press "
     "on that exact spot", False),
])
def test_red_flags_of_tchoukball_underwater_hockey_and_cyclocross(vocab: Vocabulary, text: str,
                                                                  flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_body_parts_named_in_gujarati_punjabi_odia_and_konkani(vocab: Vocabulary) -> None:
    assert vocab.concepts_in("anthu and dhumpon sore", reader=True) == ["knee"]
    assert vocab.concepts_in("dhankni ni niche dukhe", reader=True) == ["knee"]
    assert vocab.concepts_in("ghuti akkad", reader=True) == ["ankle"]
    assert vocab.concepts_in("kombor dukta", reader=True) == ["low_back"]
    assert vocab.concepts_in("chutad ch peed", reader=True) == ["glutes"]
    assert vocab.concepts_in("bekaa jaam", reader=True) == ["neck"]
    assert vocab.concepts_in("jangha and patt tight", reader=True) == ["quadriceps"]
    assert vocab.concepts_in("patt de pichhe khench", reader=True) == ["hamstrings"]


@pytest.mark.parametrize(("text", "best"), [
    # the knee's outside said in Gujarati ("ni": of), Odia ("ra") and Konkani; the back of the thigh in
    # Punjabi; the neck in Odia
    ("ghutan ni bahar ni side teekhu dukhe che, dar vakhte 3 km pachi", {"1046"}),
    ("mo dahina anthu ra bahara pakhe sharp bytha, 3 km pare", {"1046"}),
    ("Colva beach-ar 4 km zatoch dhumpon-achea bhairlea bajuk sharp pain", {"1046"}),
    ("mainu sciatica hai shayad. chutad ch doonghi peed jo patt de pichhe thalle tak jaandi", {"1012"}),
    ("bekaa jaam long run pare", {"1063"}),
])
def test_places_in_gujarati_odia_konkani_and_punjabi(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # a testicle named in German, swollen and sore with vomiting
    ("sudden bad pain in one Hoden after training, swollen and I threw up", True),
    # harmless: fingers white and numb on a cold railing, back to pink once warmed; dizzy for seconds
    # stepping off the treadmill
    ("fingers go white and numb holding the cold railing, back to pink after I warm them", False),
    ("bit dizzy for a few seconds stepping off the treadmill, fine after", False),
])
def test_red_flags_of_fistball_floorball_and_speed_skating(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_a_word_in_another_alphabet_is_not_read_as_a_nerve_s_word(demo: SearchIndex) -> None:
    # the Czech "zápas" (a match) is no typo of "zaps": a calf cramp after one is no numbness
    search = SearchRequest(q="calf cramp in bed after a big zápas, goes once I pull my foot up")
    assert not demo.search(search).red_flags


def test_body_parts_named_in_cape_verdean_creole_and_uzbek(vocab: Vocabulary) -> None:
    # (not the Fijian knee "duru": the Cape Verdean "hard", as in "kosta baxu duru")
    assert vocab.concepts_in("joedju ta dói", reader=True) == ["knee"]
    assert vocab.concepts_in("kalkanhu ta dói", reader=True) == ["foot"]
    assert vocab.concepts_in("kanela ta dói", reader=True) == ["shin"]
    assert vocab.concepts_in("kosta baxu duru", reader=True) == ["low_back"]
    assert vocab.concepts_in("tizzamni og'riydi", reader=True) == ["knee"]
    assert vocab.concepts_in("dumba og'riq", reader=True) == ["glutes"]


@pytest.mark.parametrize(("text", "best"), [
    # the knee's outside said in Cape Verdean Creole ("ladu di fora di joedju")
    ("mano ladu di fora di joedju ta kumesa dói sempri na mesmu ponto, tipo km 4", {"1046"}),
])
def test_a_place_in_cape_verdean_creole(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # a player collapsed on the ice with nothing before it; back pain with the toilet not reached in time
    ("she just collapsed on the ice mid-shift, no hit before it, says she feels fine now", True),
    ("back hurts badly since yesterday and this morning I did not make it to the toilet, could not feel it coming",
     True),
    # harmless: not making it to the toilet on a long run with runner's trots and no back pain (a guard:
    # unflagged before too); pink pee
    # after beets; a groin with hopping pain-free; a shoulder aching at night that eases on turning over;
    # a face numb in the cold that comes back in the warming hut
    ("long run, didn't make it to the toilet in time, runner's trots again", False),
    ("pee pink after beets at dinner", False),
    ("groin tight after sprints, walking and hopping pain-free", False),
    ("shoulder aches at night when I sleep on my throwing side, better when I turn over", False),
    ("face goes numb on the outdoor rink at -20, comes back once I'm in the warming hut", False),
])
def test_red_flags_of_ringette_pesapallo_and_rhythmic_gymnastics(vocab: Vocabulary, text: str,
                                                                 flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_body_parts_named_in_darija_ladino_chavacano_and_korean(vocab: Vocabulary) -> None:
    # (not the Tagalog "balakang" as the low back: as often the hip, "gilid ng balakang")
    assert vocab.concepts_in("rkba kaydrni", reader=True) == ["knee"]
    assert vocab.concepts_in("el djenudo me duele", reader=True) == ["knee"]
    assert vocab.concepts_in("3dem sa9 kaydrni", reader=True) == ["shin"]
    assert vocab.concepts_in("la kanilla duele", reader=True) == ["shin"]
    assert vocab.concepts_in("l3a9b kaydrni", reader=True) == ["foot"]
    assert vocab.concepts_in("dwikkumchi apayo", reader=True) == ["foot"]
    assert vocab.concepts_in("r9ba m9rou9a", reader=True) == ["neck"]
    assert vocab.concepts_in("el tobiyo flojo", reader=True) == ["ankle"]
    assert vocab.concepts_in("sataguni ttanggyeoyo", reader=True) == ["adductors"]
    assert vocab.concepts_in("lfessa kaydrni", reader=True) == ["glutes"]
    assert vocab.concepts_in("gogwanjeol apayo", reader=True) == ["hip"]
    assert "low_back" not in vocab.concepts_in("gilid ng balakang", reader=True)


@pytest.mark.parametrize(("text", "best"), [
    # the back of the thigh in Swahili's and Chavacano's order, read as the hamstrings' place
    ("nyuma ya mapaja inauma sana baada ya ofisi siku nzima", {"1031", "1013"}),
    ("el atras del mio hita tieso despues del oficina", {"1031", "1013"}),
    # going down stairs in Ladino, Darija and Korean
    ("me duele el djenudo kuando abasho las eskaleras", {"1015", "1028", "1057"}),
    ("rkba kaydrni mli kanhbet drouj", {"1015", "1028", "1057"}),
    # shoes for flat feet in Ladino
    ("kapatos para pies chatos", {"1025"}),
])
def test_places_and_triggers_in_swahili_darija_ladino_chavacano_and_korean(demo: SearchIndex, text: str,
                                                                          best: set[str]) -> None:
    assert first(demo, text) in best


def test_later_is_no_place(vocab: Vocabulary) -> None:
    # "3 days later, the front of my thighs" is no outside of the thigh ("lateral" and "later" are
    # kept apart: tests/text/test_analysis.py), while "lateral" still is
    assert [p.key for p in vocab.places("3 days later front of my thighs ache", search=True)] == []
    assert [p.key for p in vocab.places("lateral knee pain")] == ["knee.outside"]
    assert [p.key for p in vocab.places("my knee hurts laterally", reader=True)] == ["knee.outside"]


@pytest.mark.parametrize(("text", "flagged"), [
    # a foot whose front cannot be lifted, out of the blue
    ("sudden: can't lift front of my foot, it catches every step, never injured it", True),
    # harmless: calves tight after a flight with the swelling denied in Swahili; a knock to the testicles
    # now fine; an older reader's fall walked home from; a hip aching only when turned onto; bites with
    # breathing fine; a chest sore where the reader dived on it; tingling gone within minutes
    ("flight ya 12 hrs, calves ziko tight, hakuna swelling", False),
    ("took a ball to the nuts, agony for five minutes, now totally fine", False),
    ("I'm 78, slipped on the wet floor onto my hip, walked home normally and can stand on that leg, just bruised",
     False),
    ("hip aches at night only when i turn onto it, after shifting furniture all weekend", False),
    ("big itchy bumps on my ankles after the evening session, mosquitoes everywhere, breathing fine", False),
    ("one spot on my chest sore where i dove on it, hurts to press, breathing fine", False),
    ("took a knee to my calf in the match, bruised and sore, swelling going down, foot fine", False),
    ("bum tingling after the long coach trip, gone within minutes of walking", False),
])
def test_red_flags_of_teqball_roundnet_and_kendo(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_body_parts_named_in_swiss_german_and_romansh(vocab: Vocabulary) -> None:
    # (not the Romansh "dies", the back, alone: an English word; "mes dies" is)
    assert vocab.concepts_in("Chnüschiibe tuet weh", reader=True) == ["knee"]
    assert vocab.concepts_in("schanugl dolur", reader=True) == ["knee"]
    assert vocab.concepts_in("Schinbei brennt", reader=True) == ["shin"]
    assert vocab.concepts_in("Füdli tuet weh", reader=True) == ["glutes"]
    assert vocab.concepts_in("Leischte zieht", reader=True) == ["adductors"]
    assert vocab.concepts_in("mes dies è stiv", reader=True) == ["low_back"]
    assert vocab.concepts_in("it dies down after a mile", reader=True) == []


@pytest.mark.parametrize(("text", "best"), [
    # the knee's outside in Romansh ("dadora"); the groin in Swiss German; the holidays in French
    ("schanugl dadora sharp pain always at km 5, then I have to walk", {"1046"}),
    ("Leischte zieht nach de Bergläuf", {"1027"}),
    ("les fetes de fin d'annee, 3 semaines sans courir, comment reprendre", {"1069"}),
])
def test_places_and_words_in_swiss_german_romansh_and_french(demo: SearchIndex, text: str, best: set[str]) -> None:
    assert first(demo, text) in best


@pytest.mark.parametrize(("text", "flagged"), [
    # the commonest red flags said in French, Spanish, Swiss German and Swahili: a hot swollen calf after a
    # flight, chest pressure with near fainting, back pain with numbness between the legs and the bladder
    # not held, one point on the shin worse each week, a snap behind the ankle, cola-brown urine with
    # swollen thighs
    ("retour de Montréal en avion hier, mollet droit gonflé, chaud et rouge, ça fait mal quand je marche", True),
    ("corriendo senti presion en el pecho, como algo pesado encima, y casi me desmayo", True),
    ("Rücken tut seit gestern weh, jetzt taub zwischen den Beinen und ich kann das Wasser nöd richtig halte", True),
    ("un seul point sur l'os du tibia qui fait mal, chaque semaine c'est pire", True),
    ("un claquement derrière la cheville au tennis, je ne peux plus monter sur la pointe du pied", True),
    ("baada ya squats 200 mapaja yamefura sana na mkojo ni brown kama coca", True),
    # harmless (guards: unflagged before too): calves stiff after a flight, swelling and redness denied in
    # French ("pas"); shoulders tight ("serrées") beside the chest; the Hindi "tak" (until) near a heel; a
    # kick-like pull in the back of the thigh ("coup de pied" names the foot); numbness denied in Cebuano
    ("après le vol mes mollets sont raides, pas gonflés, pas rouges, ça passe en marchant", False),
    ("mes bras croisent devant la poitrine, épaules serrées en fin de course", False),
    ("squat karte waqt ghutna deewar tak nahi jata, addi uth jati hai", False),
    ("un coup de pied à l'arrière de la cuisse au sprint, je marche normalement", False),
    ("lower back sore after the long run, walay manhid, normal ang pag ihi", False),
])
def test_red_flags_said_in_french_spanish_german_and_swahili(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_an_interjection_is_not_put_right_into_a_symptom(demo: SearchIndex) -> None:
    # the Bahamian "chile" (child) was corrected to "chill", and a groin search raised the fever notice
    assert not demo.search(SearchRequest(q="groin tight tight chile, worse after hills")).red_flags


@pytest.mark.parametrize(("text", "flagged"), [
    # red flags written wholly in Spanish, Portuguese, Italian and Dutch, read as their English
    # (`red_flag_words`): fainting on a run, chest pain and breathlessness uphill, a hot swollen knee
    # with fever, weight lost without trying with back pain at night, a hot swollen calf after a flight
    ("me desmayé corriendo sin aviso, ya me siento bien", True),
    ("dor no peito e falta de ar subindo a ladeira", True),
    ("febre alta e joelho quente e inchado, não consigo dobrar", True),
    ("ho perso 7 chili senza dieta e il mal di schiena mi sveglia di notte", True),
    ("kuit dik, rood en warm na de lange vlucht", True),
    # harmless, the reassurance read too (guards: unflagged before): a foot asleep cross-legged; calves
    # stiff after a flight, neither swollen nor warm
    ("se me durmió el pie con las piernas cruzadas, al minuto se me pasó", False),
    ("dopo il volo polpacci rigidi, non gonfi né caldi, passa camminando", False),
])
def test_red_flags_written_wholly_in_another_language(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged


def test_a_search_put_right_into_english_is_not_read_as_its_language(demo: SearchIndex) -> None:
    # the French "tout" is no correction target: "taut" stays English, and no French is read into it
    search = SearchRequest(q="the backs of my thighs feel taut after a day at my desk")
    assert not demo.search(search).red_flags


@pytest.mark.parametrize(("text", "best"), [
    # a search written wholly in another language is searched as its English (`translations`): the
    # outside of the knee at the same point of every run (German, the verb split round the place;
    # Turkish), first steps out of bed (Polish), quads wrecked by a descent (Spanish), running again
    # after a month off (Italian), shoes for flat feet (Portuguese), landing far ahead and braking (Dutch)
    ("mein Knie tut aussen weh, immer nach acht Kilometern, bergab schlimmer", {"1046"}),
    ("dizimin dış tarafı ağrıyor, her koşuda aynı kilometrede başlıyor", {"1046"}),
    ("boli mnie pięta rano przy pierwszych krokach po wstaniu z łóżka", {"1009", "1050"}),
    ("me duelen los cuádriceps tres días después de bajar cuesta abajo en la montaña", {"1029"}),
    ("ho ripreso a correre dopo un mese fermo, quanto posso correre la prima settimana", {"1069"}),
    ("qual tênis comprar se tenho pé chato, preciso de estabilidade?", {"1025"}),
    ("mijn voet landt ver voor mijn lichaam en ik rem bij elke pas, hoe verander ik mijn pas", {"1011"}),
])
def test_a_search_in_another_language_is_searched_as_its_english(demo: SearchIndex, text: str,
                                                                  best: set[str]) -> None:
    result = demo.search(SearchRequest(q=text))
    assert result.hits[0].id in best
    assert any(n.startswith("searched in English as: ") for n in result.notices)
    assert result.query == text  # the search as typed is what the page shows and the log keeps


@pytest.mark.parametrize("text", [
    # guards (read as typed before too): an English search with one word or phrase a translated language
    # also has is not rewritten: the Jamaican "front a mi shin" (no Spanish "a mí"), the Hindi "dor"
    # (run, not the Portuguese pain), a body part named in another language ("polpaccio")
    "front a mi shin di ache since mi start run more miles",
    "hamstring pull on the track, kab dobara dor sakta hun",
    "my polpaccio is tight after long runs",
])
def test_an_english_search_with_a_word_of_another_language_is_searched_as_typed(demo: SearchIndex, text: str) -> None:
    result = demo.search(SearchRequest(q=text))
    assert not any(n.startswith("searched in English as: ") for n in result.notices)


def test_a_name_the_vocabulary_gives_is_kept_over_a_translation(vocab: Vocabulary) -> None:
    # the German "Läuferknie" is the IT band's in the vocabulary, not the English "runner's knee"
    read = vocab.in_english("Läuferknie seit dem Halbmarathon, was tun")
    assert read is not None and "Läuferknie" in read.text
    # the hamstrings' French name of four words stays whole: no "back of the thigh" made of its "cuisse"
    read = vocab.in_english("arriere de la cuisse tire depuis le fractionne")
    assert read is None or "arriere de la cuisse" in read.text


@pytest.mark.parametrize(("text", "flagged"), [
    # red flags written wholly in Polish and Turkish: a hot, red, swollen calf after a flight; one spot on
    # the shin worse each week and at night; chest pain running uphill
    ("po locie łydka gorąca, czerwona i spuchnięta", True),
    ("baldırım uçaktan sonra şiş, kırmızı ve sıcak", True),
    ("göğsümde baskı var yokuş koşarken, nefes alamıyorum", True),
    # harmless, the denials and reassurances read too (guards: unflagged before): a Turkish foot asleep
    # cross-legged that passes in a minute; Polish calves tight after a flight, not swollen or warm; a
    # knee that caves in (Polish "ucieka do środka") is form, no knee giving way
    ("bağdaş kurunca ayağım uyuşuyor, bir dakikada geçiyor", False),
    ("po locie łydki sztywne, ale nie spuchnięte i nie gorące", False),
    ("kolano ucieka do środka przy przysiadzie na jednej nodze", False),
])
def test_red_flags_written_in_polish_and_turkish(vocab: Vocabulary, text: str, flagged: bool) -> None:
    assert bool(vocab.red_flags(text)) is flagged
