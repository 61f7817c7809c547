"""Story assignment for one day's articles against the stories of the days before.

Lines a source repeats across the day's and the window's articles are dropped first (see
boilerplate.py).
Layers, cheapest first: the same canonical URL ('url'), the same normalised text ('exact'),
MinHash LSH band keys or sampled shingles shared with an earlier or same-day article, verified
on exact shingle sets ('near', 'contained'). Verified links form a graph; each connected group
of the day's articles is one story.

Story ids do not depend on input order: a group linked to an article of the window's earlier
days takes the story id of the earliest such article (partition_date, then article_id);
otherwise the story is new and its id is the article_id of its first article (earliest
published_at, undated last, then article_id).

Representative rule: a story's representative is the article that founded it, i.e. the one
whose article_id is the story id. It is marked in the partition where the story began, so each
story has exactly one representative in the warehouse; later days' copies are never marked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl
import xxhash

from etl.dedup.boilerplate import source_lines, strip_lines
from etl.dedup.candidates import KEYS_SCHEMA, candidate_pairs
from etl.dedup.day_store import DayStore
from etl.dedup.docs import DedupDoc, clean_docs
from etl.dedup.features import Features, featurize
from etl.dedup.graph import component_minimum
from etl.dedup.minhash import band_keys, sampled
from etl.dedup.node_blocks import distinct_per_node
from etl.dedup.params import BANDS, FINGERPRINT_BAND, LINE_BAND, SAMPLE_BAND, TEXT_KEY_BAND
from etl.dedup.tokens import as_text
from etl.dedup.shingle_sets import ShingleFile
from etl.dedup.verify import EDGES_SCHEMA, exact_pairs, verify_pairs
from etl.web.urls import canonical_url

STORIES_SCHEMA = {
    "story_id": pl.String,
    "article_id": pl.String,
    "is_representative": pl.Boolean,
    "similarity": pl.Float64,
    "method": pl.String,
}
BANDS_SCHEMA = {"article_id": pl.String, "story_id": pl.String, "band": pl.Int16, "band_key": pl.UInt64}
PRIOR_BANDS_SCHEMA = {
    "partition_date": pl.Date,
    "article_id": pl.String,
    "story_id": pl.String,
    "band": pl.Int16,
    "band_key": pl.UInt64,
}
# The day's texts, a batch at a time: each call starts a new pass over (article_id, text) batches.
TextBatches = Callable[[], Iterable[Iterable[tuple[str, str]]]]
# Texts read and hashed at a time; band rows built at a time.
BATCH_DOCS = 2_000
BAND_ROWS_PER_SLICE = 250_000
# The day's distinct keys asked of the window at a time: a large day has millions.
WANTED_KEYS_PER_QUERY = 1_000_000
# Which link describes an article best when it has several: the cheaper-proved the better.
_METHOD_PRIORITY = {"url": 0, "exact": 1, "near": 2, "contained": 3}


@dataclass(frozen=True)
class StoredWindow:
    """The window's stored story_bands, read on demand. Three days of a large day's band rows
    are tens of millions; only the few sharing a key with the day's articles are ever needed.

    ``articles``: (partition_date, article_id, story_id) of each stored row's article and story;
    ``samples``: (article_id, samples), the distinct sampled shingles stored for each article;
    ``rows_with_keys``: given (band, band_key) rows, the stored rows (PRIOR_BANDS_SCHEMA) that
    carry one of them;
    ``fingerprints``: given (article_id, text_key) rows, the stored FINGERPRINT_BAND rows
    (article_id, band, band_key) of the articles whose stored TEXT_KEY_BAND key is that text_key:
    an earlier text loaded again is hashed only if a pair needs its shingle set."""

    articles: pl.DataFrame
    samples: pl.DataFrame
    rows_with_keys: Callable[[pl.DataFrame], pl.DataFrame]
    fingerprints: Callable[[pl.DataFrame], pl.DataFrame] | None = None

    @classmethod
    def of_rows(cls, prior_bands: object) -> StoredWindow:
        """The window of stored rows held in a frame."""
        rows = _valid_prior_rows(prior_bands)
        samples = (rows.filter(pl.col("band") == SAMPLE_BAND).group_by("article_id")
                   .agg(pl.col("band_key").n_unique().alias("samples")))
        text_keys = rows.filter(pl.col("band") == TEXT_KEY_BAND).select("partition_date", "article_id", pl.col("band_key").alias("text_key"))

        def fingerprints(asked: pl.DataFrame) -> pl.DataFrame:
            unchanged = text_keys.join(asked, on=["article_id", "text_key"], how="semi")
            return rows.filter(pl.col("band") == FINGERPRINT_BAND).join(unchanged, on=["partition_date", "article_id"], how="semi")

        return cls(rows.select("partition_date", "article_id", "story_id").unique(), samples,
                   lambda wanted: rows.join(wanted.select("band", "band_key"), on=["band", "band_key"], how="semi"), fingerprints)


@dataclass(frozen=True)
class StoredKeys:
    """The day's keys stored by its previous derive. ``text_keys``: (article_id, text_key), each
    article's TEXT_KEY_BAND key; ``rows_of``: given article ids, their stored (article_id, band,
    band_key) rows, all but LINE_BAND and TEXT_KEY_BAND ones. Read between the passes over the
    day's texts: a query on the lake connection would end the texts' open result."""

    text_keys: pl.DataFrame
    rows_of: Callable[[list[str]], pl.DataFrame]


@dataclass(frozen=True)
class StoryAssignment:
    """``stories``: one row per article of the day (story_id, article_id, is_representative,
    similarity, method), where method and similarity describe the article's strongest verified
    link to another member of its story ('self' and 1.0 for a representative or a lone article).
    ``bands``: the day's keys to store in story_bands (article_id, story_id, band, band_key);
    band SAMPLE_BAND rows hold sampled shingles, bands 0..BANDS-1 LSH band keys."""

    stories: pl.DataFrame
    bands: pl.DataFrame


def assign_stories(
    docs: Sequence[DedupDoc],
    prior_bands: pl.DataFrame | StoredWindow,
    load_prior_texts: Callable[[list[str]], Mapping[str, str]],
    day_texts: TextBatches | None = None,
    bands_sink: Callable[[pl.DataFrame], None] | None = None,
    spill_dir: Path | None = None,
    batch_docs: int = BATCH_DOCS,
    stored_keys: StoredKeys | None = None,
) -> StoryAssignment:
    """Assign each of the day's articles to a story (see module doc). ``prior_bands`` holds the
    window's stored story_bands rows, or reads them (StoredWindow); ``load_prior_texts`` returns
    earlier articles' texts by id
    for verification. Never raises on malformed documents, frames or loader failures.

    A large day is never held whole: texts are read ``batch_docs`` at a time, from ``docs``
    or, when given, from ``day_texts`` (then the docs' own texts are not used), once for their
    lines, once to hash; the lines and their hashes, band and sampled keys go to a DuckDB
    database that spills to ``spill_dir`` (day_store.py), and the shingle sets wait for
    verification in a temporary file there. With ``bands_sink`` the band rows go to it in slices
    instead of into ``bands``. The result does not depend on ``batch_docs`` or on the order of
    the batches.

    With ``stored_keys`` (the day derived before), an article whose text, furniture removed, is
    unchanged takes its stored LSH, sample and fingerprint keys instead of being hashed again,
    and its shingle set is built only if a candidate pair its fingerprint does not settle needs
    it: the same keys, so the same stories."""
    today = clean_docs(docs)
    window = prior_bands if isinstance(prior_bands, StoredWindow) else StoredWindow.of_rows(prior_bands)
    prior = _prior_articles(window.articles)
    first_new = prior.height
    num_nodes = first_new + len(today)
    node_of = {doc.article_id: first_new + i for i, doc in enumerate(today)}
    if day_texts is None:
        def day_texts() -> Iterable[Sequence[tuple[str, str]]]:
            return (((doc.article_id, doc.text) for doc in today[i : i + batch_docs]) for i in range(0, len(today), batch_docs))
    batches = _known_batches(day_texts, node_of)
    source_of = {doc.article_id: doc.source for doc in today}

    fingerprints = np.zeros(num_nodes, dtype=np.uint64)
    text_keys = np.zeros(num_nodes, dtype=np.uint64)
    stored_text_keys = _stored_text_keys(stored_keys, node_of)
    reused = np.zeros(num_nodes, dtype=bool)
    # The shingle file first: an anonymous temporary file goes with the object if the store's
    # database cannot be made, while the store's folder stays unless closed.
    spilled = ShingleFile(num_nodes, spill_dir)
    store = DayStore(num_nodes, spill_dir)
    try:
        for batch in batches():
            store.add_lines(_batch_lines(batch, source_of).join(_batch_nodes(batch, node_of), on="article_id"))
        furniture = store.furniture(_prior_lines(window, store))

        for batch in batches():
            nodes = np.array([node_of[article_id] for article_id, _ in batch], dtype=np.int64)
            texts = strip_lines([text for _, text in batch], furniture)
            keys = [xxhash.xxh3_64_intdigest(text.encode()) for text in texts]
            text_keys[nodes] = keys
            reused[nodes] = [stored_text_keys.get(node) == key for node, key in zip(nodes.tolist(), keys)]
            fresh = np.flatnonzero(~reused[nodes])
            store.add_keys(_hash_texts([texts[i] for i in fresh.tolist()], nodes[fresh], fingerprints, spilled))
        # The stored keys of the unchanged texts; one whose rows are missing is hashed after all.
        stored = _reused_keys(stored_keys, [today[node - first_new].article_id for node in np.flatnonzero(reused).tolist()],
                              np.flatnonzero(reused))
        stored_fingerprints = stored.filter(pl.col("band") == FINGERPRINT_BAND)
        found = stored_fingerprints.get_column("node").to_numpy()
        fingerprints[found] = stored_fingerprints.get_column("key").to_numpy()
        store.add_keys(stored.filter(pl.col("band") != FINGERPRINT_BAND))
        missing = set(np.flatnonzero(reused).tolist()) - set(found.tolist())
        reused[:] = False
        reused[found] = True
        _hash_day_texts(batches, node_of, missing, furniture, fingerprints, spilled, store.add_keys)
        pairs = candidate_pairs(store.shared_keys(_prior_keys(window, prior, store), first_new),
                                _sample_sizes(window, prior, store.samples))

        asked = pairs.filter(pl.col("a") < first_new).get_column("a").unique().sort().to_list()
        prior_ids = prior.get_column("article_id").to_list()
        for loaded_nodes, texts in _prior_texts(load_prior_texts, prior_ids, asked, batch_docs):
            texts = strip_lines(texts, furniture)
            keys = np.array([xxhash.xxh3_64_intdigest(text.encode()) for text in texts], dtype=np.uint64)
            found = _stored_fingerprints(window, [prior_ids[node] for node in loaded_nodes.tolist()], loaded_nodes, keys)
            fingerprints[found.get_column("node").to_numpy()] = found.get_column("key").to_numpy()
            reused[found.get_column("node").to_numpy()] = True
            fresh = np.flatnonzero(~reused[loaded_nodes])
            _hash_texts([texts[i] for i in fresh.tolist()], loaded_nodes[fresh], fingerprints, spilled)
        # Reused articles in a pair that is not exact are verified on their shingle sets.
        a, b = pairs.get_column("a").to_numpy(), pairs.get_column("b").to_numpy()
        open_pairs = ~exact_pairs(a, b, fingerprints)
        needed = np.unique(np.concatenate([a[open_pairs], b[open_pairs]]))
        needed = needed[reused[needed]]
        # Their keys are the stored ones, already in the store: only their shingle sets are wanted.
        _hash_day_texts(batches, node_of, set(needed[needed >= first_new].tolist()), furniture, fingerprints, spilled,
                        lambda _keys: None)
        for loaded_nodes, texts in _prior_texts(load_prior_texts, prior_ids, needed[needed < first_new].tolist(), batch_docs):
            _hash_texts(strip_lines(texts, furniture), loaded_nodes, fingerprints, spilled)

        edges = pl.concat(
            [
                _equal_key_edges([canonical_url(doc.canonical_url) for doc in today], first_new, "url"),
                _equal_key_edges(fingerprints[first_new:].tolist(), first_new, "exact", empty=0),
                _same_article_edges(today, prior_ids, first_new),
                verify_pairs(pairs, spilled.sets(), fingerprints),
            ]
        )
        story_links = _same_story_links(prior)
        roots = component_minimum(
            num_nodes,
            np.concatenate([edges.get_column("a").to_numpy(), story_links[0]]),
            np.concatenate([edges.get_column("b").to_numpy(), story_links[1]]),
        )
        story_ids = _story_ids(roots[first_new:], prior.get_column("story_id").to_list(), today, first_new)
        day_nodes = np.arange(first_new, num_nodes, dtype=np.int64)
        owners = pl.DataFrame({"node": day_nodes, "article_id": [doc.article_id for doc in today], "story_id": story_ids},
                              schema={"node": pl.Int64, "article_id": pl.String, "story_id": pl.String})
        node_rows = pl.concat([_node_rows(day_nodes, TEXT_KEY_BAND, text_keys[first_new:]),
                               _node_rows(day_nodes, FINGERPRINT_BAND, fingerprints[first_new:])])
        band_slices = (keys.join(owners, on="node", maintain_order="left").select("article_id", "story_id", "band", pl.col("key").alias("band_key"))
                       .cast(BANDS_SCHEMA) for keys in store.band_keys(node_rows, BAND_ROWS_PER_SLICE))
        if bands_sink is None:
            bands = pl.concat([pl.DataFrame(schema=BANDS_SCHEMA), *band_slices])
        else:
            for band_slice in band_slices:
                bands_sink(band_slice)
            bands = pl.DataFrame(schema=BANDS_SCHEMA)
    finally:
        spilled.close()
        store.close()
    return StoryAssignment(stories=_stories_frame(today, story_ids, edges, first_new), bands=bands)


def _hash_texts(texts: list[str], nodes: np.ndarray, fingerprints: np.ndarray, spilled: ShingleFile) -> pl.DataFrame:
    """Hash ``texts`` (text i is node ``nodes[i]``): their fingerprints go to ``fingerprints``,
    their shingle sets to ``spilled``; returns their LSH and sample keys."""
    if not texts:
        return pl.DataFrame(schema=KEYS_SCHEMA)
    features = featurize(texts)
    fingerprints[nodes] = features.fingerprints
    spilled.add(nodes, features.shingles, features.shingle_counts)
    return _today_keys(features, nodes)


def _prior_texts(loader: Callable[[list[str]], Mapping[str, str]], prior_ids: list[str], nodes: list[int],
                 batch_docs: int) -> Iterator[tuple[np.ndarray, list[str]]]:
    """(nodes, texts) of the window's ``nodes`` whose text loads, ``batch_docs`` at a time."""
    for first in range(0, len(nodes), batch_docs):
        wanted = nodes[first : first + batch_docs]
        loaded = _load_texts(loader, [prior_ids[node] for node in wanted])
        kept = [node for node in wanted if prior_ids[node] in loaded]
        yield np.array(kept, dtype=np.int64), [loaded[prior_ids[node]] for node in kept]


def _stored_fingerprints(window: StoredWindow, article_ids: list[str], nodes: np.ndarray, text_keys: np.ndarray) -> pl.DataFrame:
    """(node, key): the stored fingerprints of the window's articles whose text key is unchanged
    (article i is node ``nodes[i]``); none without them or when they cannot be read."""
    if window.fingerprints is None or not article_ids:
        return pl.DataFrame(schema={"node": pl.Int64, "key": pl.UInt64})
    asked = pl.DataFrame({"article_id": article_ids, "text_key": text_keys, "node": nodes},
                         schema={"article_id": pl.String, "text_key": pl.UInt64, "node": pl.Int64})
    try:
        rows = (window.fingerprints(asked.select("article_id", "text_key")).filter(pl.col("band") == FINGERPRINT_BAND)
                .select("article_id", pl.col("band_key").cast(pl.UInt64).alias("key")).drop_nulls())
    except Exception:  # noqa: BLE001 - the store is a shortcut: without it the texts are hashed
        return pl.DataFrame(schema={"node": pl.Int64, "key": pl.UInt64})
    # An article stored on two of the window's days with one text has one fingerprint.
    return rows.join(asked.select("article_id", "node"), on="article_id").select("node", "key").unique(subset="node", keep="first")


def _hash_day_texts(batches: Callable[[], Iterator[list[tuple[str, str]]]], node_of: Mapping[str, int], wanted: set[int],
                    furniture: set[str], fingerprints: np.ndarray, spilled: ShingleFile,
                    keys_sink: Callable[[pl.DataFrame], None]) -> None:
    """Hash the day's texts of the ``wanted`` nodes, in one more pass over the batches; their
    keys go to ``keys_sink`` a batch at a time."""
    for batch in batches() if wanted else ():
        kept = [(node_of[article_id], text) for article_id, text in batch if node_of[article_id] in wanted]
        if kept:
            keys_sink(_hash_texts(strip_lines([text for _, text in kept], furniture),
                                  np.array([node for node, _ in kept], dtype=np.int64), fingerprints, spilled))


def _stored_text_keys(stored_keys: StoredKeys | None, node_of: Mapping[str, int]) -> dict[int, int]:
    """Node -> stored text key of the day's articles; none without a store or when it is unusable."""
    if stored_keys is None:
        return {}
    try:
        rows = stored_keys.text_keys.select("article_id", "text_key").cast({"article_id": pl.String, "text_key": pl.UInt64}).drop_nulls()
    except Exception:  # noqa: BLE001 - the store is a shortcut: without it the keys are computed again
        return {}
    return {node_of[article_id]: key for article_id, key in rows.iter_rows() if article_id in node_of}


def _reused_keys(stored_keys: StoredKeys | None, article_ids: list[str], nodes: np.ndarray) -> pl.DataFrame:
    """(node, band, key): the stored LSH, sample and fingerprint rows of ``article_ids`` (article
    i is node ``nodes[i]``). An article counts only with its fingerprint row (written with the
    others in one transaction); none without a store or when it fails: the texts are hashed."""
    if stored_keys is None or not article_ids:
        return pl.DataFrame(schema=KEYS_SCHEMA)
    asked = pl.DataFrame({"article_id": article_ids, "node": nodes}, schema={"article_id": pl.String, "node": pl.Int64})
    try:
        rows = (stored_keys.rows_of(article_ids).select("article_id", "band", "band_key")
                .cast({"article_id": pl.String, "band": pl.Int16, "band_key": pl.UInt64}).drop_nulls())
    except Exception:  # noqa: BLE001 - the store is a shortcut: without it the keys are computed again
        return pl.DataFrame(schema=KEYS_SCHEMA)
    rows = rows.filter((pl.col("band") == FINGERPRINT_BAND) | (pl.col("band") >= SAMPLE_BAND)).join(asked.select("article_id", "node"), on="article_id")
    complete = rows.filter(pl.col("band") == FINGERPRINT_BAND).select("node")
    return (rows.join(complete, on="node", how="semi").select("node", "band", pl.col("band_key").alias("key"))
            .cast(KEYS_SCHEMA).unique().sort("node", "band", "key"))


def _node_rows(nodes: np.ndarray, band: int, keys: np.ndarray) -> pl.DataFrame:
    """One (node, band, key) row per node."""
    return pl.DataFrame({"node": nodes, "band": np.full(nodes.size, band, dtype=np.int16), "key": keys}, schema=KEYS_SCHEMA)


def _known_batches(day_texts: TextBatches, node_of: Mapping[str, int]) -> Callable[[], Iterator[list[tuple[str, str]]]]:
    """The day's text batches as (article_id, text) lists, texts made safe, articles unknown to
    the day (or a batch that is not a list of pairs) left out, each article once however the
    batches repeat it."""

    def batches() -> Iterator[list[tuple[str, str]]]:
        seen: set[str] = set()
        try:
            for batch in day_texts():
                kept = []
                for item in batch:
                    article_id, text = item
                    if article_id in node_of and article_id not in seen:
                        seen.add(article_id)
                        kept.append((article_id, as_text(text)))
                if kept:
                    yield kept
        except (TypeError, ValueError):  # a malformed source gives the texts it gave so far
            return

    return batches


def _batch_lines(batch: list[tuple[str, str]], source_of: Mapping[str, str]) -> pl.DataFrame:
    return source_lines([text for _, text in batch], [source_of[article_id] for article_id, _ in batch],
                        [article_id for article_id, _ in batch])


def _batch_nodes(batch: list[tuple[str, str]], node_of: Mapping[str, int]) -> pl.DataFrame:
    """(article_id, node) of a batch's articles."""
    return pl.DataFrame({"article_id": [article_id for article_id, _ in batch], "node": [node_of[article_id] for article_id, _ in batch]},
                        schema={"article_id": pl.String, "node": pl.Int64})


def _prior_articles(articles: pl.DataFrame) -> pl.DataFrame:
    """The window's articles, oldest first (partition_date, article_id); row number = node."""
    rows = _valid_rows(articles, {"partition_date": pl.Date, "article_id": pl.String, "story_id": pl.String})
    return (
        rows.sort("partition_date", "story_id")
        .group_by("article_id", maintain_order=True)
        .agg(pl.col("partition_date").first(), pl.col("story_id").first())
        .sort("partition_date", "article_id")
    )


def _valid_prior_rows(prior_bands: object) -> pl.DataFrame:
    """The usable story_bands rows: right columns, castable types, no nulls; else none."""
    return _valid_rows(prior_bands, PRIOR_BANDS_SCHEMA)


def _valid_rows(frame: object, schema: dict) -> pl.DataFrame:
    """The usable rows of a window frame: ``schema``'s columns, castable, no nulls, an
    article_id; else none."""
    try:
        rows = frame.select(list(schema)).cast(schema, strict=False)  # type: ignore[union-attr]
        return rows.drop_nulls().filter(pl.col("article_id") != "")
    except Exception:  # noqa: BLE001 - a malformed window must degrade to "no window", not fail the day
        return pl.DataFrame(schema=schema)


def _stored_rows(window: StoredWindow, wanted: Iterable[pl.DataFrame]) -> pl.DataFrame:
    """The window's usable rows carrying one of the ``wanted`` (band, band_key), asked a frame of
    distinct keys at a time. A reader that fails (the lake unreachable) fails the day: stories
    without their window would differ."""
    return pl.concat([pl.DataFrame(schema=PRIOR_BANDS_SCHEMA), *(_valid_prior_rows(window.rows_with_keys(keys)) for keys in wanted)])


def _prior_keys(window: StoredWindow, prior: pl.DataFrame, store: DayStore) -> pl.DataFrame:
    """Distinct (node, band, key) of the window's LSH and sample rows sharing a key with the
    day's (a key no article of the day has proposes no pair with one): the keys that propose
    candidates (a row stored twice must not count as two shared samples)."""
    nodes = prior.select("article_id").with_row_index("node")
    return (
        _stored_rows(window, store.distinct_keys(WANTED_KEYS_PER_QUERY))
        .filter(pl.col("band") >= SAMPLE_BAND)
        .join(nodes, on="article_id")
        .select("node", "band", pl.col("band_key").alias("key"))
        .cast(KEYS_SCHEMA)
        .unique()
    )


def _prior_lines(window: StoredWindow, store: DayStore) -> pl.DataFrame:
    """(article_id, line_key) of the window's articles (their LINE_BAND rows) for the lines the
    day's articles print: only those can make a line of the day furniture."""
    wanted = (lines.select(pl.lit(LINE_BAND, dtype=pl.Int16).alias("band"), pl.col("line_key").alias("band_key"))
              for lines in store.distinct_lines(WANTED_KEYS_PER_QUERY))
    rows = _stored_rows(window, wanted).filter(pl.col("band") == LINE_BAND)
    return rows.select("article_id", pl.col("band_key").alias("line_key"))


def _sample_sizes(window: StoredWindow, prior: pl.DataFrame, day_samples: np.ndarray) -> np.ndarray:
    """Distinct sampled shingles per node: the window's as stored, the day's as counted
    (``day_samples``, indexed by node)."""
    sizes = np.zeros(day_samples.size, dtype=np.int64)
    stored = prior.select("article_id").with_row_index("node").join(
        _valid_rows(window.samples, {"article_id": pl.String, "samples": pl.Int64}), on="article_id")
    sizes[stored.get_column("node").to_numpy()] = stored.get_column("samples").to_numpy()
    return sizes + day_samples


def _today_keys(features: Features, nodes: np.ndarray) -> pl.DataFrame:
    """(node, band, key): BANDS LSH keys per text with words, plus its sampled shingles; text i
    is node ``nodes[i]``."""
    has_words = np.flatnonzero(features.shingle_counts > 0)
    keys = band_keys(features.signatures[has_words])
    lsh = pl.DataFrame(
        {
            "node": np.repeat(nodes[has_words], BANDS),
            "band": np.tile(np.arange(BANDS, dtype=np.int16), has_words.size),
            "key": keys.reshape(-1),
        },
        schema=KEYS_SCHEMA,
    )
    mask = sampled(features.shingles)
    # Owners of the sampled shingles only: an owner array of every shingle is 8 bytes a shingle.
    per_doc = np.zeros(features.shingle_counts.size, dtype=np.int64)
    per_doc[has_words] = np.add.reduceat(mask, features.shingle_starts[has_words], dtype=np.int64)
    owner = np.repeat(nodes, per_doc)
    sample = distinct_per_node(
        pl.DataFrame(
            {"node": owner, "band": np.full(owner.size, SAMPLE_BAND, dtype=np.int16), "key": features.shingles[mask]},
            schema=KEYS_SCHEMA,
        )
    )
    return pl.concat([lsh, sample])


def _load_texts(loader: Callable[[list[str]], Mapping[str, str]], ids: list[str]) -> dict[str, str]:
    """Texts the loader returns for ``ids``; a failing or misbehaving loader gives none."""
    if not ids:
        return {}
    try:
        found = loader(ids)
        return {article_id: as_text(found[article_id]) for article_id in ids if article_id in found}
    except Exception:  # noqa: BLE001 - unverifiable candidates are skipped, the day still derives
        return {}


def _equal_key_edges(keys: list, first_new: int, method: str, empty: object = "") -> pl.DataFrame:
    """Links from each of the day's articles to the first article sharing its key."""
    frame = pl.DataFrame({"key": keys, "node": np.arange(len(keys), dtype=np.int64) + first_new})
    if frame.is_empty():
        return pl.DataFrame(schema=EDGES_SCHEMA)
    return (
        frame.filter(pl.col("key") != empty)
        .with_columns(pl.col("node").min().over("key").alias("a"))
        .filter(pl.col("node") != pl.col("a"))
        .select("a", pl.col("node").alias("b"), pl.lit(method).alias("method"), pl.lit(1.0).alias("score"))
        .cast(EDGES_SCHEMA)
    )


def _same_article_edges(today: list[DedupDoc], prior_ids: list[str], first_new: int) -> pl.DataFrame:
    """An article already in the window (same article_id, i.e. same canonical URL) stays put."""
    prior_node = {article_id: node for node, article_id in enumerate(prior_ids)}
    links = [(prior_node[doc.article_id], first_new + i) for i, doc in enumerate(today) if doc.article_id in prior_node]
    return pl.DataFrame(
        {"a": [a for a, _ in links], "b": [b for _, b in links], "method": ["url"] * len(links), "score": [1.0] * len(links)},
        schema=EDGES_SCHEMA,
    )


def _same_story_links(prior: pl.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Links tying the window's articles of one story together (to its oldest article)."""
    nodes = prior.with_row_index("node").with_columns(pl.col("node").cast(pl.Int64))
    linked = nodes.with_columns(pl.col("node").min().over("story_id").alias("first")).filter(pl.col("node") != pl.col("first"))
    return linked.get_column("first").to_numpy(), linked.get_column("node").to_numpy()


def _story_ids(roots: np.ndarray, prior_story_ids: list[str], today: list[DedupDoc], first_new: int) -> list[str]:
    return [prior_story_ids[root] if root < first_new else today[root - first_new].article_id for root in roots.tolist()]


def _stories_frame(today: list[DedupDoc], story_ids: list[str], edges: pl.DataFrame, first_new: int) -> pl.DataFrame:
    article_ids = [doc.article_id for doc in today]
    priority = pl.col("method").replace_strict(_METHOD_PRIORITY, return_dtype=pl.Int8)
    both_ends = pl.concat([edges.select(pl.col("a").alias("node"), "method", "score"), edges.select(pl.col("b").alias("node"), "method", "score")])
    best = (
        both_ends.filter(pl.col("node") >= first_new)
        .sort(priority, pl.col("score"), descending=[False, True])
        .group_by("node", maintain_order=True)
        .first()
    )
    frame = pl.DataFrame(
        {"node": np.arange(len(today), dtype=np.int64) + first_new, "story_id": story_ids, "article_id": article_ids},
        schema={"node": pl.Int64, "story_id": pl.String, "article_id": pl.String},
    )
    is_rep = pl.col("story_id") == pl.col("article_id")
    return (
        frame.join(best, on="node", how="left")
        .with_columns(
            is_rep.alias("is_representative"),
            pl.when(is_rep).then(1.0).otherwise(pl.col("score")).alias("similarity"),
            pl.when(is_rep).then(pl.lit("self")).otherwise(pl.col("method")).alias("method"),
        )
        .select(list(STORIES_SCHEMA))
        .cast(STORIES_SCHEMA)
        .sort("story_id", "article_id")
    )
