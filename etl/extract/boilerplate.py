"""What boilerplate looks like without any site knowledge: markup names and line patterns.

Class/id names are split into tokens (BEM, CSS modules and WordPress names alike), so
"c-media-item__caption", "Media_caption__zZ3kP" and "wp-caption-text" all yield "caption".
Line patterns cover English, German, French, Spanish, Italian and Russian newsroom phrasing.
"""

from __future__ import annotations

import re

# Elements never holding article text.
JUNK_TAGS = (
    "script", "style", "noscript", "template", "svg", "iframe", "form", "button", "input", "select",
    "textarea", "nav", "footer", "aside", "figure", "figcaption", "video", "audio", "picture", "img",
    "object", "embed", "canvas", "map", "dialog", "menu", "head", "title", "meta", "link",
    "amp-ad", "amp-consent", "amp-sidebar", "amp-social-share", "amp-img", "amp-video",
)

_BOILER_CLASS_TOKENS = frozenset("""
share sharing sharedaddy social related relatedposts recommended recommend newsletter subscribe
subscription promo ad ads adspot advert advertisement anzeige publicidad cookie cookies consent cmp
didomi onetrust comment comments respond byline author bio meta tags breadcrumb breadcrumbs crumbs
brotkrumen sidebar rail widget caption credit credits legend pullquote pq citation zitatbox quote
paywall gate catcher interstitial more most trending teaser nav navigation menu footer header masthead
copyright sign signoff trust licensing support corrections alert bookmark cta services inread kicker
overline dachzeile teilen photo bild unterschrift quelle zeit views reactions also
print email topbar weather next prev pagination reading time
embed oembed twitter tweet instagram tiktok fb xfbml bluesky mastodon reddit
""".split())
_TOKEN_SPLIT = re.compile(r"[^a-z0-9]+")


def is_boilerplate_name(class_and_id: str) -> bool:
    """True when a class/id value names a non-content block (share bar, caption, related list...)."""
    if not class_and_id:
        return False
    return any(token in _BOILER_CLASS_TOKENS for token in _TOKEN_SPLIT.split(class_and_id))


_LINE_PATTERNS = [
    # Read-more and related links.
    r"(read|see) (more|also)\b", r"related( stories| articles| coverage)?\s*:", r"more (on|about) this", r"more\s*:\s",
    r"(also|further) read\b", r"read next\b", r"(explore further|don['’]?t miss|up next|next)\s*:",
    r"lesen sie (auch|mehr)", r"mehr zum thema", r"auch interessant", r"weiterlesen",
    r"(à|a) lire aussi", r"lire aussi", r"voir aussi", r"te puede interesar", r"le(e|er) (también|más)",
    r"leggi anche", r"potrebbe interessarti", r"читайте также", r"смотрите также",
    # Photo and source credits.
    r"(photo|image|picture|illustration|video|graphic)s?( by| credit| courtesy)?\s*[:/(]",
    r"(photo|image|illustration)s? (by|courtesy)\b", r"foto\s*:", r"bild\s*:", r"фото\s*:",
    r"(getty images|reuters|afp|ap photo|dpa|epa)\s*$",
    # Sign-offs and editor lines.
    r"\(?(reporting|additional reporting|writing|editing|edited|compiled|written) by\b",
    r"mit material (von|der)", r"con información de", r"avec (afp|reuters|ap)\b",
    r"(our standards|trust principles)", r"\(?(editor|redaktion|rédaction|redacción)\s*:",
    r"with (additional )?reporting (by|from)\b", r"disclosure\s*:",
    # Prompts: newsletter, subscription, cookies, sharing, ads.
    r"sign up (for|to)\b", r"subscribe (to|for|now|today)\b", r"newsletter abonnieren",
    r"inscrivez-vous", r"abonnez-vous", r"suscr[ií]bete", r"iscriviti",
    r"(we|this site|this website) uses? cookies", r"wir verwenden cookies", r"nous utilisons des cookies",
    r"utilizamos cookies", r"utilizziamo (i )?cookie", r"share (this|on)\b", r"follow us\b",
    r"permalink\b", r"print( print)? this (page|article|story)\b", r"(feedback\s*:\s*)?send us your feedback\b",
    r"report (a )?typo", r"(leave a comment|view all posts|reuse content)\W*$",
    r"(advertisement|anzeige|publicité|publicidad|pubblicità)\s*$", r"- publicidad -",
    r"(©|ⓒ|&copy;|copyright)\s", r"click here\b", r"you must be logged in\b", r"(updated|aktualisiert|mis à jour|actualizado) .{0,30}\b(ago|vor|il y a|hace)\b",
    # Media labels set in capitals before a player or gallery title ("VIDÉO. ...", "PHOTOS -").
    r"(?-i:VID[ÉE]OS?|PHOTOS?|DIAPORAMA|INFOGRAPHIE|PODCAST|AUDIO|EN IMAGES|FOTOS|BILDERGALERIE)\s*[.:|–-]\s",
    # Editor's notes on how a story came about or changed.
    r"this (story|article|report|piece|project|series) (was|is|has been) (produced|published|supported|funded|"
    r"made possible|co-published|updated|corrected)\b", r"(correction|clarification|editor'?s note)\s*[:,(]",
    r"(cet article|ce reportage) a été (réalisé|produit|publié|mis à jour|corrigé)",
    r"dieser (artikel|beitrag) (wurde|ist|entstand)", r"este (artículo|reportaje) (fue|ha sido|se (realizó|publicó))",
    r"questo articolo è stato",
    # What a social embed shows when its script does not run.
    r"a post shared by\b", r"view this (post|profile) on\b", r"♬",
]
# The text of an embedded tweet carries its short links wherever it stands in the line; its
# attribution line names the account ("— Jane Doe (@jdoe) October 22, 2017").
_EMBEDDED_POST = re.compile(r"pic\.twitter\.com/\w|https?://t\.co/\w")
_EMBEDDED_POST_ATTRIBUTION = re.compile(r"^\W{0,3}[—–-]\s*[^()]{1,80}\(@\w+\)")
_LINE_BOILER = re.compile(r"^\W{0,3}(?:" + "|".join(_LINE_PATTERNS) + ")", re.I)
# Lines longer than this are article prose even when they open like a prompt.
_LINE_FILTER_MAX_WORDS = 40
# Phrases that make a short line boilerplate wherever they stand in it (a footer's copyright
# notice after the publisher's address). Only phrases news prose does not use.
_ANYWHERE_PATTERNS = [
    r"all rights reserved", r"alle rechte vorbehalten", r"tous droits réservés", r"todos los derechos reservados",
    r"tutti i diritti riservati", r"все права защищены", r"무단\s?전재", r"재배포\s?금지", r"저작권자", r"無断転載",
    r"版权所有", r"版權所有",
    # Disclaimers, contributor notes, reprint origins and newsletter pitches.
    r"opinions expressed (in this|here|are|by)",
    r"originally published (on|at)", r"original article (on|at)", r"(we|i) may (receive|earn|get) (a )?(small )?(commission|share)",
    r"(sign(ing)? up|subscrib(e|ing))\b.{0,60}\bnewsletters?", r"newsletters?\b.{0,40}\b(sign up|subscribe)",
    r"by subscribing (now|today)", r"emailed to you (each|every)",
    r"(enable|need to have|requires?) javascript", r"javascript (is )?(enabled|disabled|required)",
    r"read the full (article|story|post) here", r"(…|\.\.\.)\s*read more",
    # Cookie consent and reprint notices.
    r"(by|if you) (continue to |continuing to )?(using|use|browsing|browse) (this|our) (web)?site,? you (consent|agree)",
    r"this copy is for your personal,? non-?commercial use",
]
_ANYWHERE_BOILER = re.compile(r"\b(?:" + "|".join(_ANYWHERE_PATTERNS) + r")\b", re.I)
_ANYWHERE_MAX_WORDS = 30
# An invitation to follow the site (not the writer, whose contact line ends many articles) on a
# social network, wherever it stands in a short line ("... and follow us on Twitter",
# "hit 'Like' on our Facebook page and 'Follow' on our @site Twitter account").
_FOLLOW_PROMPT = re.compile(r"\bfollow\W{0,2}\s(us|on our)\b", re.I)


# "By Jane Doe", "Von Anna Schmidt, Redakteurin": a byline is names, not a sentence.
_NAME = r"[A-ZÀ-ÖØ-ÞА-Я][\w'’.-]+"
# Dates and times as datelines and bylines write them, in any language's month words.
_DATE = (r"(\d{1,2}(st|nd|rd|th|er|\.)?,?\s*(\w+\.?,?\s+)?\d{4}|\d{4}-\d\d-\d\d|\d{1,2}[./]\d{1,2}[./]\d{2,4}"
         r"|\d+\s+\w+\s+ago)")
_TIME = r"([,\s]*(at|à|um|a las|alle)?\s*\d{1,2}[:.h]\d{2}\s*([ap]\.?m\.?)?(\s+[A-Z]{2,5})?)?"
# A line that is only a timestamp, with at most a few words before it ("November 14, 2024 at
# 9:10 a.m. EST", "Publié le 16 juillet 2024 à 11h20", "Updated: May 6, 2024"); no full stop.
_DATE_LINE = re.compile(rf"^\W{{0,3}}(\w+[.,:]?\s+){{0,4}}{_DATE}{_TIME}\s*$")
# A date after the byline's names, often glued to the last one when the byline and the date are
# two spans ("By Jane DoeMay 6, 2024"): the month then rides on the name, the rest stays here.
_BYLINE_DATE = rf"[\s,|·•–-]*((updated|published|posted|mis à jour|publié|aktualisiert)\s*:?\s*)?{_DATE}{_TIME}"
_BYLINE = re.compile(rf"^(By|BY|Von|Par|Por|Di|От)\s+{_NAME}(\s+{_NAME}){{0,3}}"
                     rf"(\s*(,|and|und|et|y|e)\s*[^.!?]{{0,60}})?({_BYLINE_DATE})?$")


# A breadcrumb trail printed as a line: three or more short labels joined by ">", "›" or "»"
# ("Home > News > World", "科技 > 要闻 > 正文"); not a French sentence, whose quotes are « ».
_BREADCRUMB = re.compile(r"^[^>›»«]{1,40}(?:\s[>›»]\s[^>›»«]{1,40}){2,}$")


# Headings of the sections press releases and partner content end with ("Media contact",
# "About the author"). Whole-line matches only.
_END_SECTION_HEADING = re.compile(r"^\W{0,3}(?:" + "|".join([
    r"(media|press|news) (contacts?|inquiries|enquiries)", r"contacts?( us| information| info)?",
    r"about (the|this) (author|authors|writer|reporter)", r"notes? (to|for) editors",
    r"contacts? presse", r"relations presse", r"pressekontakt(e)?", r"kontakt( für medien)?",
    r"contacto( de prensa| para medios)?", r"contatti( stampa)?", r"контакты( для сми)?",
]) + r")\W{0,3}$", re.I)


# A few words with an e-mail address are contact data or a byline ("Jane Doe, jdoe@...",
# "홍길동 기자 gildong@..."); so is a short line ending in the CJK word for reporter.
_CONTACT_LINE_MAX_WORDS = 8
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_CJK_BYLINE = re.compile(r"^\W?[^.!?。]{0,30}\s?(기자|특파원|記者|记者|特派員|特派员)\W?$")


# A video teaser's title with the clip's duration glued to it ("Fears for crops after the storm1:21").
_VIDEO_TEASER = re.compile(r"[A-Za-zÀ-ÿ]\d{1,2}:\d{2}$")
_VIDEO_TEASER_MAX_WORDS = 25


def _repeats_itself(text: str) -> bool:
    """A link whose text is printed twice in a row ("Title Title"): a teaser's image alt text and
    its caption, or a card's hidden and visible label."""
    half = len(text) // 2
    return len(text) >= 20 and any(text[:k].strip() == text[k:].strip() for k in (half - 1, half, half + 1))


# A timestamp line in English whatever its order ("Published 10:17 am, Wednesday, March 15, 2017",
# "Published Date: Oct 24, 2017 02:54 pm | Updated Date: ...", "October 22, 2017 / 3:48 AM / in 2
# days"): a clock time or a published/updated label, and no word other than these, time zones and
# ordinal suffixes. A bare date ("Sunday October 22") may head a live blog's entries.
_TIMESTAMP_WORDS = frozenset("""
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
mon tue tues wed thu thur thurs fri sat sun am pm a m p published updated posted last date time at on in
edited modified first ago hours hour minutes minute mins min days day h st nd rd th
et est edt ct cst cdt mt mst mdt pt pst pdt gmt utc bst cet cest ist jst kst hkt sgt aest aedt
""".split())
_TIMESTAMP_LABEL = re.compile(r"\d{1,2}[:.]\d{2}|\b(published|updated|posted|edited)\b", re.I)
_TIMESTAMP_MAX_WORDS = 16
_LETTERS = re.compile(r"[^\W\d_]+")


def _is_timestamp_line(text: str) -> bool:
    if (len(text.split()) > _TIMESTAMP_MAX_WORDS or not _TIMESTAMP_LABEL.search(text)
            or not any(char.isdigit() for char in text)):
        return False
    return all(word.lower() in _TIMESTAMP_WORDS for word in _LETTERS.findall(text))


def is_embedded_post(text: str) -> bool:
    """A line of a social post embedded in the page (its text or its attribution)."""
    return bool(_EMBEDDED_POST.search(text) or _EMBEDDED_POST_ATTRIBUTION.match(text))


def is_boilerplate_line(text: str) -> bool:
    """The final, site-independent filter: short lines that open like known boilerplate."""
    words = len(text.split())
    if words > _LINE_FILTER_MAX_WORDS:
        return False
    if (_LINE_BOILER.match(text) or _BYLINE.match(text) or _DATE_LINE.match(text) or _END_SECTION_HEADING.match(text)
            or _BREADCRUMB.match(text) or _is_timestamp_line(text)):
        return True
    if is_embedded_post(text) or _repeats_itself(text):
        return True
    if words <= _VIDEO_TEASER_MAX_WORDS and _VIDEO_TEASER.search(text):
        return True
    if words <= _CONTACT_LINE_MAX_WORDS and (_EMAIL.search(text) or _CJK_BYLINE.match(text)):
        return True
    return words <= _ANYWHERE_MAX_WORDS and bool(_ANYWHERE_BOILER.search(text) or _FOLLOW_PROMPT.search(text))


# A whole line in square brackets, not a sentence, is a link to another story set into the text
# ("[SCHOOLED: Here's the only way ...]"); a page with more of them than this uses brackets for
# its own text (stage directions, chat lines, figure labels).
_BRACKETED_LINK = re.compile(r"^\[[^\[\]]{9,}[^\[\].!?\s]\s*\]$")
_MAX_BRACKETED_LINKS = 3
# A gallery's slides printed as text: "1/44 A humanoid robot ...", "2/44 ...".
_SLIDE_COUNTER = re.compile(r"^(\d{1,3})\s?/\s?(\d{1,3})\s")
_MIN_SLIDES = 3
# A list of other stories, each with its date after the title ("- Title - April 7, 2017", "- Title
# Weather News - October 24, 2017, 12:02 PM EDT Teaser ...").
_DATED_ITEM = re.compile(rf"^[-•*]\s.*\S\s+[-–—|·]\s*(\w+\.?\s+)?{_DATE}(?!\w)")
_MIN_DATED_ITEMS = 2


def link_list_lines(lines: list[str]) -> set[int]:
    """Indexes of body lines that together form a widget: a gallery's numbered slides, a list of
    dated story links, links set in brackets."""
    doomed: set[int] = set()
    slides: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        counter = _SLIDE_COUNTER.match(line.lstrip("-•* "))
        if counter and int(counter.group(1)) <= int(counter.group(2)):
            slides.setdefault(counter.group(2), []).append(index)
    for members in slides.values():
        if len(members) >= _MIN_SLIDES:
            doomed.update(members)
    dated = [index for index, line in enumerate(lines) if _DATED_ITEM.match(line)]
    if len(dated) >= _MIN_DATED_ITEMS:
        doomed.update(dated)
    bracketed = [index for index, line in enumerate(lines) if _BRACKETED_LINK.match(line)]
    if len(bracketed) <= _MAX_BRACKETED_LINKS:
        doomed.update(bracketed)
    return doomed


# Headings of the link boxes that follow a story ("Related Articles", "More from Sport", "You
# might also like", "Most popular", "Other Opinion Columns", and "More about:" or "Tags" over the
# story's topic links). Whole-line matches only.
_LINK_BOX_HEADING = re.compile(r"^\W{0,3}(?:" + "|".join([
    r"related( articles| stories| posts| content| coverage| news| links| reading| videos?| topics)?( (on|from) .{1,40})?",
    r"more (stories|articles|news|videos?)( (from|on|about|in) .{1,40})?", r"more (from|in) .{1,40}",
    r"more (about|on)( these topics| this topic| this story)?", r"tags|topics|filed under",
    r"(other|our latest) (\w+ ){0,2}(columns|stories|articles|posts)",
    r"(you|we think you) (may|might|will) (also )?(like|enjoy|be interested in)( this| these)?",
    r"recommended( for you| stories| articles| reading| videos?)?", r"(most )?(popular|read|viewed|shared|commented)( stories| articles| now| today| news)?",
    r"most (popular|read|viewed|shared|commented)( stories| articles| now| today| news| on \w+)?",
    r"trending( now| stories| articles| news)?", r"(what|more) to read next", r"(from )?around the web",
    r"top stories", r"latest (news|stories|articles|headlines)", r"editor'?s picks", r"don'?t miss",
    r"mehr zum thema", r"das könnte sie (auch )?interessieren", r"(à|a) lire (aussi|également)", r"sur le même sujet",
    r"noticias relacionadas", r"te puede interesar", r"articoli correlati", r"читайте также",
]) + r")\W{0,3}$", re.I)
# Only a heading after this share of the body's words ends the story: one higher up is a box set
# into the story, which goes on after it.
_LINK_BOX_MIN_BODY_SHARE = 0.5


def story_end(lines: list[str]) -> int:
    """The index of the first body line that is a link box's heading standing after most of the
    story; the story ends there. len(lines) when there is none."""
    total = sum(len(line.split()) for line in lines)
    before = 0
    for index, line in enumerate(lines):
        if before >= _LINK_BOX_MIN_BODY_SHARE * total and _LINK_BOX_HEADING.match(line):
            return index
        before += len(line.split())
    return len(lines)
