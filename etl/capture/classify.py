"""Outcome class of a complete HTTP response (pure): status, bot challenges, empty bodies."""

from __future__ import annotations

import re

from etl.capture import outcomes

# Markers of anti-bot interstitials (Cloudflare, Akamai, Imperva, PerimeterX, DataDome, DDoS-Guard).
# They are matched in a page's <title> or in script/asset URLs only: an article *about* captchas
# must not be mistaken for one.
CHALLENGE_TITLES = ("just a moment", "attention required", "are you a robot", "are you human",
                    "captcha", "access denied", "security check", "ddos-guard", "please verify",
                    "verify you are human", "pardon our interruption", "bot verification")
# Found only on the interstitials themselves.
CHALLENGE_ASSETS = ("cf-browser-verification", "px-captcha", "captcha-delivery.com", "cf_chl_opt", "__cf_chl_")
# Scripts a protection service also puts on every ordinary page of the sites it guards
# (Cloudflare's bot detection, Imperva's analytics, DDoS-Guard's check): like a title, they mark a
# challenge only on a short page or one answered with a challenge status. Taken alone they cost
# real articles (3 of 1,496 labelled real pages carry one).
PROTECTION_ASSETS = ("/cdn-cgi/challenge-platform", "_incapsula_resource", "ddos-guard.net")
CHALLENGE_STATUSES = (403, 429, 503)
CHALLENGE_MAX_BYTES = 32768   # interstitials are a few KB; article pages rarely this short
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title", re.I | re.S)


def looks_like_challenge(status: int | None, headers: dict[str, str], body: bytes | None) -> bool:
    if headers.get("cf-mitigated", "").lower() == "challenge":
        return True
    head = (body or b"")[:65536]
    lowered = head.lower()
    if any(marker.encode() in lowered for marker in CHALLENGE_ASSETS):
        return True
    if status not in CHALLENGE_STATUSES and len(head) >= CHALLENGE_MAX_BYTES:
        return False
    if any(marker.encode() in lowered for marker in PROTECTION_ASSETS):
        return True
    title = _TITLE.search(head)
    if title is None:
        return False
    text = title.group(1).decode("utf-8", "replace").lower()
    return any(marker in text for marker in CHALLENGE_TITLES)


def classify_response(status: int, headers: dict[str, str], body: bytes | None) -> tuple[str, str | None]:
    """(outcome, error) for a response whose body was read completely."""
    if looks_like_challenge(status, headers, body):
        return outcomes.CHALLENGE, f"HTTP {status}: bot-challenge page instead of content"
    outcome = outcomes.for_status(status)
    if outcome == outcomes.OK:
        if not (body or b"").strip():
            return outcomes.EMPTY, f"HTTP {status} with an empty body"
        return outcomes.OK, None
    if outcome == outcomes.NOT_MODIFIED:
        return outcome, None
    retry = headers.get("retry-after")
    detail = f" (Retry-After: {retry})" if retry else ""
    return outcome, f"HTTP {status}{detail}"
