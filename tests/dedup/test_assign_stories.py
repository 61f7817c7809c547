import random
from datetime import date, datetime

import polars as pl
import pytest

from etl.dedup import DedupDoc, assign, assign_stories
from etl.dedup.evaluate import merged_group_pairs, pair_scores
from etl.dedup.params import BANDS, FINGERPRINT_BAND, LINE_BAND, SAMPLE_BAND, TEXT_KEY_BAND
from etl.dedup.replay import assign_by_day
from tests.dedup.labelled import hard_negative_pairs, labelled_docs

DOCS = {d["doc_id"]: d for d in labelled_docs()}
NO_WINDOW = pl.DataFrame()


def dedup_doc(doc_id: str, **changes) -> DedupDoc:
    d = DOCS[doc_id]
    fields = dict(
        article_id=doc_id,
        canonical_url=f"https://{d['source']}.example/news/{doc_id}",
        text=d["text"],
        published_at=datetime.fromisoformat(d["published_at"]),
        source=d["source"],
    )
    return DedupDoc(**{**fields, **changes})


def no_texts(ids):
    return {}


def story_rows(assignment) -> dict[str, dict]:
    return {row["article_id"]: row for row in assignment.stories.to_dicts()}


def window_of(assignment, day: date) -> pl.DataFrame:
    return assignment.bands.with_columns(pl.lit(day).alias("partition_date"))


def test_new_stories_take_their_earliest_article_as_id_and_representative():
    rows = story_rows(assign_stories([dedup_doc("w01-3"), dedup_doc("w01-0"), dedup_doc("w02-0")], NO_WINDOW, no_texts))
    assert rows["w01-0"]["story_id"] == "w01-0" and rows["w01-0"]["is_representative"]
    assert rows["w01-0"]["method"] == "self" and rows["w01-0"]["similarity"] == 1.0
    assert rows["w01-3"]["story_id"] == "w01-0" and not rows["w01-3"]["is_representative"]
    assert rows["w01-3"]["method"] in {"near", "contained"} and 0.5 <= rows["w01-3"]["similarity"] < 1.0
    assert rows["w02-0"]["story_id"] == "w02-0"


def test_an_article_joins_the_previous_days_story_and_keeps_its_id():
    yesterday = assign_stories([dedup_doc("w01-0"), dedup_doc("w01-1"), dedup_doc("w02-0")], NO_WINDOW, no_texts)
    asked: list[list[str]] = []

    def load(ids):
        asked.append(ids)
        return {i: DOCS[i]["text"] for i in ids}

    today = assign_stories(
        [dedup_doc("w01-3"), dedup_doc("w03-0"), dedup_doc("e01-0")],
        window_of(yesterday, date(2025, 6, 1)),
        load,
    )
    rows = story_rows(today)
    assert rows["w01-3"]["story_id"] == "w01-0" and not rows["w01-3"]["is_representative"]
    assert rows["w03-0"]["story_id"] == "w03-0" and rows["w03-0"]["is_representative"]
    assert rows["e01-0"]["story_id"] == "e01-0"  # same event, another outlet's own story
    assert asked and set(asked[0]) <= {"w01-0", "w01-1", "w02-0"}
    assert set(today.bands.get_column("story_id")) == {"w01-0", "w03-0", "e01-0"}


def test_ids_do_not_depend_on_input_order():
    window_docs = [dedup_doc(i) for i in ("w05-0", "w05-2", "w06-0", "w07-1")]
    window = window_of(assign_stories(window_docs, NO_WINDOW, no_texts), date(2025, 6, 1))
    day_ids = ["w05-4", "w05-5", "w06-3", "w07-0", "w07-5", "w08-0", "w08-2", "w08-5", "e06-0", "lb1-0", "lb2-0"]
    texts = {i: DOCS[i]["text"] for i in DOCS}
    first = assign_stories([dedup_doc(i) for i in day_ids], window, lambda ids: {i: texts[i] for i in ids})
    rng = random.Random(5)
    for _ in range(3):
        shuffled_ids = rng.sample(day_ids, len(day_ids))
        shuffled_window = window.sample(fraction=1.0, shuffle=True, seed=rng.randrange(1000))
        again = assign_stories([dedup_doc(i) for i in shuffled_ids], shuffled_window, lambda ids: {i: texts[i] for i in ids})
        assert again.stories.equals(first.stories)
        assert again.bands.equals(first.bands)
    rows = story_rows(first)
    assert rows["w07-0"]["story_id"] == "w07-1"  # joins the window's story although published earlier
    assert rows["w08-2"]["story_id"] == "w08-0"
    assert rows["lb1-0"]["story_id"] != rows["lb2-0"]["story_id"]


def test_same_canonical_url_and_same_text_layers():
    original = dedup_doc("w09-0")
    moved = dedup_doc("w09-0", article_id="w09-0-amp", canonical_url=original.canonical_url + "/", text="")
    reposted = dedup_doc("w09-0", article_id="w09-0-repost", canonical_url="https://other.example/fire")
    rows = story_rows(assign_stories([original, moved, reposted], NO_WINDOW, no_texts))
    assert rows["w09-0-amp"]["method"] == "url" and rows["w09-0-amp"]["story_id"] == "w09-0"
    assert rows["w09-0-repost"]["method"] == "exact" and rows["w09-0-repost"]["similarity"] == 1.0


def test_bands_frame_has_lsh_and_sample_keys_with_storage_types():
    bands = assign_stories([dedup_doc("w10-0"), dedup_doc("w10-1")], NO_WINDOW, no_texts).bands
    assert bands.schema == {"article_id": pl.String, "story_id": pl.String, "band": pl.Int16, "band_key": pl.UInt64}
    per_doc = bands.filter(pl.col("article_id") == "w10-0")
    assert per_doc.filter(pl.col("band") >= 0).height == BANDS
    assert per_doc.filter(pl.col("band") == SAMPLE_BAND).height > 5


def test_furniture_learned_on_earlier_days_is_stripped_from_a_lone_article_today():
    # valley-courier prints its furniture in three articles on 4 June, in one (a brief) on 5 June.
    earlier = assign_stories([dedup_doc(i) for i in ("w06-5", "w07-2", "w08-2")], NO_WINDOW, no_texts)
    today = [dedup_doc("w09-0"), dedup_doc("w09-5")]
    alone = story_rows(assign_stories(today, NO_WINDOW, no_texts))
    assert alone["w09-5"]["story_id"] == "w09-5"  # the brief's furniture hides the containment
    rows = story_rows(assign_stories(today, window_of(earlier, date(2025, 6, 4)), no_texts))
    assert rows["w09-5"]["story_id"] == "w09-0" and rows["w09-5"]["method"] == "contained"
    assert earlier.bands.filter(pl.col("band") == LINE_BAND).height > 0


def test_failing_loader_and_malformed_window_do_not_raise():
    yesterday = assign_stories([dedup_doc("w11-0")], NO_WINDOW, no_texts)

    def broken(ids):
        raise OSError("lake unavailable")

    rows = story_rows(assign_stories([dedup_doc("w11-2")], window_of(yesterday, date(2025, 6, 1)), broken))
    assert rows["w11-2"]["story_id"] == "w11-2"  # unverifiable: a new story rather than a guess
    for window in (pl.DataFrame({"unrelated": [1, 2]}), pl.DataFrame({"article_id": [None], "band": ["x"]}), None):
        assert story_rows(assign_stories([dedup_doc("w11-2")], window, no_texts))["w11-2"]["story_id"] == "w11-2"  # type: ignore[arg-type]


def test_bad_documents_do_not_raise():
    naive = dedup_doc("w12-0", published_at=datetime(2025, 6, 3, 9, 0))
    junk = [
        None,
        object(),
        naive,
        dedup_doc("w12-1", published_at="yesterday"),  # type: ignore[arg-type]
        dedup_doc("w12-1", text=None),  # type: ignore[arg-type]
        dedup_doc("w12-2", text="x" * 1_000_000),
        dedup_doc("w12-3", article_id="", text="no id"),
    ]
    stories = assign_stories(junk, NO_WINDOW, no_texts).stories  # type: ignore[arg-type]
    assert sorted(stories.get_column("article_id")) == ["w12-0", "w12-1", "w12-2"]
    assert assign_stories(None, None, None).stories.is_empty()  # type: ignore[arg-type]


def test_labelled_set_day_by_day_through_the_window():
    stories = assign_by_day([dedup_doc(i) for i in DOCS])
    story_of = dict(zip(stories.get_column("article_id"), stories.get_column("story_id")))
    gold = [DOCS[i]["group"] for i in DOCS]
    labels = [story_of[i] for i in DOCS]
    assert merged_group_pairs(gold, labels, hard_negative_pairs()) == []
    scores = pair_scores(gold, labels)
    assert scores.precision >= 0.99 and scores.recall >= 0.95
    spanning = stories.group_by("story_id").agg(pl.col("partition_date").n_unique().alias("days"))
    assert spanning.filter(pl.col("days") > 1).height > 0  # some stories continue across midnight
    assert stories.group_by("story_id").agg(pl.col("is_representative").sum()).get_column("is_representative").max() == 1


def test_texts_read_in_batches_in_any_order_give_the_same_stories_and_bands(tmp_path):
    """The day's texts come from a source a batch at a time (one article per batch here, in
    reverse order, the docs themselves carrying none), earlier texts are loaded a few at a
    time, and the band rows go to a sink in slices: the same rows as one in-memory batch."""
    labelled = sorted(DOCS)
    yesterday = assign_stories([dedup_doc(i) for i in labelled[::2]], NO_WINDOW, no_texts)
    window = window_of(yesterday, date(2025, 6, 1))
    today_ids = labelled[1::2]

    def load(ids):
        return {i: DOCS[i]["text"] for i in ids}

    whole = assign_stories([dedup_doc(i) for i in today_ids], window, load)
    asked: list[list[str]] = []
    slices: list[pl.DataFrame] = []

    def load_counted(ids):
        asked.append(ids)
        return load(ids)

    batched = assign_stories(
        [dedup_doc(i, text="") for i in today_ids], window, load_counted,
        day_texts=lambda: ([(i, DOCS[i]["text"])] for i in reversed(today_ids)),
        bands_sink=slices.append, spill_dir=tmp_path, batch_docs=1,
    )
    assert batched.stories.equals(whole.stories)
    assert pl.concat(slices).equals(whole.bands) and batched.bands.is_empty()
    assert len(asked) > 1 and all(len(ids) == 1 for ids in asked)
    assert whole.stories.get_column("story_id").n_unique() < whole.stories.height  # some stories joined
    assert whole.stories.get_column("story_id").is_in(window.get_column("story_id").implode()).any()
    assert list(tmp_path.iterdir()) == []  # the shingle file is gone


def stored_keys_of(bands: pl.DataFrame) -> assign.StoredKeys:
    """A day's earlier rows as the stories step reads them back (etl.derive.stories)."""
    return assign.StoredKeys(
        bands.filter(pl.col("band") == TEXT_KEY_BAND).select("article_id", pl.col("band_key").alias("text_key")),
        lambda ids: bands.filter(pl.col("article_id").is_in(ids) & ~pl.col("band").is_in([LINE_BAND, TEXT_KEY_BAND])))


def same_rows(a: pl.DataFrame, b: pl.DataFrame) -> bool:
    return a.sort(a.columns).equals(b.sort(b.columns))


@pytest.fixture
def hashed(monkeypatch) -> list[str]:
    """Every text the story assignment hashes from now on."""
    texts: list[str] = []
    featurize = assign.featurize

    def recorded(batch):
        texts.extend(batch)
        return featurize(batch)

    monkeypatch.setattr(assign, "featurize", recorded)
    return texts


def test_a_re_derive_hashes_only_changed_texts_and_gives_the_stories_of_a_full_derive(hashed):
    # Four stories of several copies each, and one copy of each of twelve other stories.
    copies = [i for i in sorted(DOCS) if i[:3] in {"w01", "w02", "w03", "w04"} and i not in {"w01-6", "w02-6"}]
    before = [dedup_doc(i) for i in copies + [f"w{n}-0" for n in range(10, 22)]]
    first = assign_stories(before, NO_WINDOW, no_texts)
    edited = dedup_doc("w03-2", text=DOCS["w03-2"]["text"] + "\n\nThis report was updated with reactions.")
    # New: two more copies of stories already there (not exact), one exact copy of a text.
    after = [edited if doc.article_id == "w03-2" else doc for doc in before] + [
        dedup_doc("w01-6"), dedup_doc("w02-6"), dedup_doc("w04-0", article_id="w04-0-copy", canonical_url="https://mirror.example/w04-0")]
    hashed.clear()
    refreshed = assign_stories(after, NO_WINDOW, no_texts, stored_keys=stored_keys_of(first.bands))
    reused_run = list(hashed)
    full = assign_stories(after, NO_WINDOW, no_texts)
    assert refreshed.stories.equals(full.stories) and same_rows(refreshed.bands, full.bands)
    assert full.stories.filter(pl.col("article_id") == "w04-0-copy").get_column("method").to_list() == ["exact"]
    # The changed and the new texts were hashed; of the others only copies a near pair needs.
    assert any("updated with reactions" in text for text in reused_run)
    assert len(reused_run) <= len(after) - 12 and len(hashed) == len(reused_run) + len(after)


def test_an_article_whose_furniture_changed_is_hashed_again(hashed):
    """A line an outlet prints in two articles is text; printed in a third it is furniture, and
    the first two are hashed again without it."""
    footer = "\n\nTiny Outlet newsletter: sign up for the morning briefing"
    docs = [dedup_doc(i, text=DOCS[i]["text"] + footer, source="tiny-outlet") for i in ("w05-0", "w06-0", "w07-0")]
    first = assign_stories(docs[:2], NO_WINDOW, no_texts)
    hashed.clear()
    refreshed = assign_stories(docs, NO_WINDOW, no_texts, stored_keys=stored_keys_of(first.bands))
    assert len(hashed) == 3 and not any("Tiny Outlet" in text for text in hashed)
    full = assign_stories(docs, NO_WINDOW, no_texts)
    assert refreshed.stories.equals(full.stories) and same_rows(refreshed.bands, full.bands)


def test_reused_keys_follow_a_change_of_the_days_before():
    """Day 2's texts are unchanged, but day 1 gained the story's original: day 2 re-derived with
    its stored keys joins that story, as a full derive does."""
    texts = {i: DOCS[i]["text"] for i in DOCS}

    def load(ids):
        return {i: texts[i] for i in ids}

    day_two = [dedup_doc("w05-1"), dedup_doc("w07-0")]
    first_day_one = assign_stories([dedup_doc("w06-0")], NO_WINDOW, no_texts)
    first_day_two = assign_stories(day_two, window_of(first_day_one, date(2025, 6, 1)), load)
    assert set(first_day_two.stories.get_column("story_id")) == {"w05-1", "w07-0"}
    day_one = assign_stories([dedup_doc("w06-0"), dedup_doc("w05-0")], NO_WINDOW, no_texts)
    window = window_of(day_one, date(2025, 6, 1))
    refreshed = assign_stories(day_two, window, load, stored_keys=stored_keys_of(first_day_two.bands))
    full = assign_stories(day_two, window, load)
    assert refreshed.stories.equals(full.stories) and same_rows(refreshed.bands, full.bands)
    assert set(refreshed.stories.get_column("story_id")) == {"w05-0", "w07-0"}


def test_a_failing_store_of_keys_hashes_every_text(hashed):
    docs = [dedup_doc(i) for i in ("w08-0", "w08-1", "w09-0")]

    def broken(ids):
        raise OSError("lake unreachable")

    stored = assign.StoredKeys(stored_keys_of(assign_stories(docs, NO_WINDOW, no_texts).bands).text_keys, broken)
    hashed.clear()
    assert assign_stories(docs, NO_WINDOW, no_texts, stored_keys=stored).stories.equals(
        assign_stories(docs, NO_WINDOW, no_texts).stories)
    assert len(hashed) == 2 * len(docs)


def test_an_earlier_article_loaded_for_an_exact_copy_is_not_hashed_again(hashed):
    """Its stored fingerprint stands while its text, furniture removed, is unchanged."""
    yesterday = assign_stories([dedup_doc("w09-0"), dedup_doc("w10-0")], NO_WINDOW, no_texts)
    window = window_of(yesterday, date(2025, 6, 1))
    copy = dedup_doc("w09-0", article_id="w09-0-copy", canonical_url="https://mirror.example/w09-0")
    loaded: list[str] = []

    def load(ids):
        loaded.extend(ids)
        return {i: DOCS[i]["text"] for i in ids}

    hashed.clear()
    today = assign_stories([copy], window, load)
    assert loaded == ["w09-0"] and len(hashed) == 1  # the copy alone
    without_stored_keys = window.filter(~pl.col("band").is_in([TEXT_KEY_BAND, FINGERPRINT_BAND]))
    assert today.stories.equals(assign_stories([copy], without_stored_keys, load).stories)
    assert today.stories.get_column("method").to_list() == ["exact"]
    assert today.stories.get_column("story_id").to_list() == ["w09-0"] and len(hashed) == 3
