import polars as pl

from etl.dedup.tokens import tokenize

TEXTS = [
    "Athens (Wire Agency) - A wildfire\n\nfanned by winds.  Double  spaces",
    "Café ﬁne ＡＢＣ don’t “quoted”\u00a0no-break\ttab",
    "",
    "   ",
    "one",
    "x_y 42 3.5%",
]


def words_of(words, text_index: int) -> list[str]:
    vocabulary = [
        bytes(words.vocabulary_data[start:end]).decode()
        for start, end in zip(words.vocabulary_offsets[:-1], words.vocabulary_offsets[1:])
    ]
    first = int(words.counts[:text_index].sum())
    return [vocabulary[i] for i in words.ids[first : first + int(words.counts[text_index])]]


def test_words_equal_a_regex_over_the_whole_normalised_text():
    words = tokenize(TEXTS)
    reference = pl.Series(TEXTS).str.normalize("NFKC").str.to_lowercase().str.extract_all(r"\w+").to_list()
    assert [words_of(words, i) for i in range(len(TEXTS))] == reference
    assert words_of(words, 1)[:4] == ["café", "fine", "abc", "don"]
