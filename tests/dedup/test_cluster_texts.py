from etl.dedup import cluster_texts
from etl.dedup.evaluate import merged_group_pairs, pair_scores
from tests.dedup.labelled import doc, hard_negative_pairs, labelled_docs

RATE_STORY = doc("w01-0")["text"]
FLOOD_STORY = doc("w02-0")["text"]


def test_wire_copy_with_new_headline_and_boilerplate_joins_the_original():
    copy = "\n\n".join(
        ["Norway lifts borrowing costs again", "Advertisement", RATE_STORY.split("\n\n", 1)[1], "Read more business news on our site."]
    )
    labels = cluster_texts([RATE_STORY, FLOOD_STORY, copy])
    assert labels[0] == labels[2]
    assert labels[1] != labels[0]


def test_labels_name_the_first_text_of_each_story():
    labels = cluster_texts([FLOOD_STORY, RATE_STORY, RATE_STORY])
    assert labels == ["0", "1", "1"]


def test_brief_inside_a_longer_article_is_contained():
    paragraphs = RATE_STORY.split("\n\n")
    brief = "\n\n".join(["In brief: Norway raises rates", *paragraphs[1:3]])
    labels = cluster_texts([RATE_STORY, brief, FLOOD_STORY])
    assert labels[1] == labels[0] != labels[2]


def test_a_quoted_snippet_is_too_short_to_be_a_contained_story():
    snippet = " ".join(RATE_STORY.split("\n\n")[2].split()[:20])  # 16 shingles, under the minimum
    paragraph = RATE_STORY.split("\n\n")[2]  # 38 words: long enough to be a brief of its own
    assert cluster_texts([RATE_STORY, snippet, paragraph]) == ["0", "1", "0"]


def test_labelled_set_hard_negatives_stay_apart_and_copies_join():
    docs = labelled_docs()
    gold = [d["group"] for d in docs]
    labels = cluster_texts([d["text"] for d in docs], [d["source"] for d in docs])
    assert merged_group_pairs(gold, labels, hard_negative_pairs()) == []
    scores = pair_scores(gold, labels)
    assert scores.precision >= 0.99 and scores.recall >= 0.95


def test_copies_under_one_shared_label_are_stories_not_furniture():
    # An archive import labels every page alike: each article printed three times must not be
    # learned as that "outlet's" furniture, which would strip it bare and split every copy apart.
    articles = [d["text"] for d in labelled_docs() if d["doc_id"].endswith("-0")][:12]
    copies = [text for text in articles for _ in range(3)]
    labels = cluster_texts(copies, ["import"] * len(copies))
    assert len(set(labels)) == len(set(cluster_texts(articles)))
    assert all(len(set(labels[i:i + 3])) == 1 for i in range(0, len(copies), 3))


def test_furniture_repeated_by_one_outlet_is_still_ignored():
    footer = "Subscribe to our newsletter for the morning briefing.\nCopyright Harbour Times Media."
    texts = [f"{doc(i)['text']}\n{footer}" for i in ("w01-0", "w02-0", "w22-0")]
    sourced = cluster_texts([*texts, RATE_STORY], ["harbour", "harbour", "harbour", "wire"])
    assert sourced[0] == sourced[3] and len(set(sourced[:3])) == 3


def test_same_event_stories_by_two_outlets_stay_apart_without_sources():
    texts = [doc("w22-0")["text"], doc("e05-0")["text"], doc("f03-0")["text"]]
    assert len(set(cluster_texts(texts))) == 3


def test_bad_input_does_not_raise():
    huge = "word " * 2_000_000
    labels = cluster_texts(["", None, 42, b"bytes text", huge, huge, "   \n\t ", "\x00\ud800"])  # type: ignore[list-item]
    assert len(labels) == 8
    assert labels[4] == labels[5]  # the huge texts are identical
    assert len({labels[0], labels[1], labels[2], labels[6]}) == 4  # empty texts are no story together
    assert cluster_texts([]) == []
    assert cluster_texts(None) == []  # type: ignore[arg-type]
