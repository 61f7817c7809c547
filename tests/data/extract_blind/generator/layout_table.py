"""www.kettlerivertimes.example: a small-town weekly whose site has not changed since about 2004.

Nested layout tables, <font> tags, paragraphs separated by <br><br> inside one table cell,
windows-1252 bytes, a left column of section links, a right column with weather, classifieds and
an obituary list, "Printer-friendly version / E-mail this story", a "Posted" line, a
"Copyright © ... All rights reserved" line and a text footer menu.
"""

from __future__ import annotations

import re

from common import esc, inline, rng_for, slugify

HOST = "www.kettlerivertimes.example"
NAME = "Kettle River Times"
LANGUAGE = "en"
CHARSET = "windows-1252"
ARCHIVE = [
    "Library board approves Saturday hours",
    "Lady Otters fall in regional semifinal",
    "Letters to the editor",
    "Obituary: Marjorie Ann Lindqvist, 91",
    "County fair board seeks volunteers",
]
SECTIONS = ["Front Page", "Local News", "Sports", "Obituaries", "Opinion", "Church News", "School News", "Classifieds", "Legal Notices", "Subscribe", "Contact Us"]


def url_for_slug(slug: str) -> str:
    return f"http://{HOST}/news/story.asp?id={1000 + sum(map(ord, slug)) % 8000}"


def url(story) -> str:
    return url_for_slug(story.slug)


def _smart(text: str) -> str:
    """Typographic quotes and dashes, as pasted from a word processor (cp1252 bytes 0x91-0x97)."""
    text = re.sub(r'(^|[\s(])"', "\\1\u201c", text).replace('"', "\u201d")
    text = re.sub(r"(\w)'", "\\1\u2019", text).replace("'", "\u2018")
    return text.replace(" -- ", " \u2014 ")


def _body(story):
    parts = []
    for b in story.blocks:
        if b.kind == "p":
            parts.append(inline(_smart(b.text)) + "<br><br>")
        elif b.kind == "h":
            parts.append(f"<b>{esc(b.text)}</b><br><br>")
        elif b.kind == "ul":
            parts.append("".join(f"&nbsp;&nbsp;&#149; {inline(i)}<br>" for i in b.items) + "<br>")
        elif b.kind == "img":
            cap, credit = b.items
            parts.append(f'<table align="right" width="220" cellpadding="4" cellspacing="0" border="0"><tr><td><img src="/photos/{slugify(cap)[:20]}.jpg" width="210" border="0"><br>'
                         f'<font size="1" face="Arial"><i>{esc(cap)} ({esc(credit)})</i></font></td></tr></table>')
        elif b.kind == "rel":
            parts.append(f'<font size="1"><b>RELATED STORY:</b> <a href="{url_for_slug(slugify(b.text))}">{esc(b.text)}</a></font><br><br>')
    return "\n".join(parts)


def render(story, site) -> str:
    r = rng_for(HOST, story.slug)
    w = story.when
    cap, credit = story["image"].split(" | ")
    left = "".join(f'<tr><td bgcolor="#E8E8D0"><font face="Verdana" size="1">&raquo; <a href="/{slugify(s)}.asp">{s}</a></font></td></tr>' for s in SECTIONS)
    heads = "".join(f'<font face="Verdana" size="1">&#149; <a href="{url_for_slug(s)}">{esc(t)}</a></font><br>' for t, s in site.others(story, r, 5))
    return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<title>Kettle River Times - {esc(story["title"])}</title>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<meta name="keywords" content="Kettle River, Minnesota, news, Kettle River Times, {esc(story["section"])}">
<script language="JavaScript">
<!--
function popUp(URL) {{ window.open(URL, 'print', 'toolbar=0,scrollbars=1,width=600,height=500'); }}
//-->
</script>
</head>
<body bgcolor="#FFFFFF" topmargin="0" leftmargin="0" marginwidth="0" marginheight="0" link="#003366" vlink="#663366">
<table width="780" border="0" cellpadding="0" cellspacing="0" align="center">
<tr><td colspan="3"><a href="/"><img src="/images/masthead.gif" width="780" height="95" border="0" alt="Kettle River Times - Serving Pine County Since 1911"></a></td></tr>
<tr><td colspan="3" bgcolor="#003366" height="20"><font face="Verdana" size="1" color="#FFFFFF">&nbsp;{w:%A, %B} {w.day}, {w.year} &nbsp;|&nbsp; <a href="/subscribe.asp"><font color="#FFFF99">Subscribe to the print edition</font></a> &nbsp;|&nbsp; <a href="/eedition.asp"><font color="#FFFF99">e-Edition</font></a></font></td></tr>
<tr>
<td width="140" valign="top" bgcolor="#E8E8D0">
<table width="140" border="0" cellpadding="3" cellspacing="1">{left}</table>
<br><center><a href="/ads/click.asp?id={r.randint(100, 999)}"><img src="/ads/pinecountycoop.gif" width="125" height="125" border="0" alt="Pine County Co-op"></a></center><br>
</td>
<td width="480" valign="top">
<table width="100%" border="0" cellpadding="8" cellspacing="0"><tr><td>
<font face="Verdana" size="1"><a href="/">Home</a> &gt; <a href="/{slugify(story["section"])}.asp">{esc(story["section"])}</a></font><br><br>
<font face="Georgia" size="5"><b>{esc(story["title"])}</b></font><br>
<font face="Verdana" size="1" color="#666666">By {esc(story["author"])}<br>Posted {w:%A, %B} {w.day}, {w.year}</font><br><br>
<table align="left" width="250" cellpadding="4" cellspacing="0" border="0"><tr><td><img src="/photos/{slugify(cap)[:24]}.jpg" width="240" border="0"><br><font size="1" face="Arial"><i>{esc(cap)}</i> <b>{esc(credit)}</b></font></td></tr></table>
<font face="Georgia" size="2">
{_body(story)}
</font>
<hr size="1" noshade>
<font face="Verdana" size="1"><a href="javascript:popUp('/print.asp?id={r.randint(1000, 9999)}')">Printer-friendly version</a> &nbsp;|&nbsp; <a href="/email.asp">E-mail this story to a friend</a> &nbsp;|&nbsp; <a href="/letters.asp">Write a letter to the editor</a></font><br><br>
<font face="Verdana" size="1"><b>Other stories this week:</b></font><br>
{heads}
</td></tr></table>
</td>
<td width="160" valign="top" bgcolor="#F4F4F4">
<table width="160" border="0" cellpadding="4" cellspacing="0">
<tr><td bgcolor="#003366"><font face="Verdana" size="1" color="#FFFFFF"><b>WEATHER</b></font></td></tr>
<tr><td><font face="Verdana" size="1">Kettle River, MN<br>Partly cloudy, {r.randint(18, 55)}&deg;F<br><a href="/weather.asp">5-day forecast</a></font></td></tr>
<tr><td bgcolor="#003366"><font face="Verdana" size="1" color="#FFFFFF"><b>CLASSIFIEDS</b></font></td></tr>
<tr><td><font face="Verdana" size="1">FOR SALE: 2011 Polaris snowmobile, low miles. Call 555-0142.<br><br>HELP WANTED: Part-time cook, Kettle River Cafe. Apply in person.<br><br><a href="/classifieds.asp">More classifieds &raquo;</a></font></td></tr>
<tr><td bgcolor="#003366"><font face="Verdana" size="1" color="#FFFFFF"><b>OBITUARIES</b></font></td></tr>
<tr><td><font face="Verdana" size="1"><a href="/obits.asp">Marjorie Ann Lindqvist, 91</a><br><a href="/obits.asp">Harold "Bud" Nyberg, 78</a><br><a href="/obits.asp">View all obituaries &raquo;</a></font></td></tr>
</table>
</td>
</tr>
<tr><td colspan="3" bgcolor="#003366" align="center"><font face="Verdana" size="1" color="#FFFFFF"><a href="/"><font color="#FFFFFF">Home</font></a> | <a href="/local.asp"><font color="#FFFFFF">Local News</font></a> | <a href="/sports.asp"><font color="#FFFFFF">Sports</font></a> | <a href="/obits.asp"><font color="#FFFFFF">Obituaries</font></a> | <a href="/classifieds.asp"><font color="#FFFFFF">Classifieds</font></a> | <a href="/contact.asp"><font color="#FFFFFF">Contact Us</font></a> | <a href="/advertise.asp"><font color="#FFFFFF">Advertise</font></a></font></td></tr>
<tr><td colspan="3" align="center"><font face="Verdana" size="1">Copyright &copy; 2024 Kettle River Times, PO Box 118, Kettle River, MN. All rights reserved.<br>No material may be reproduced without written permission.</font></td></tr>
</table>
</body>
</html>
"""
