"""www.hanbitilbo.example: a Korean regional daily (한빛일보) on a common Korean news CMS, in EUC-KR.

XHTML-era markup, body in #article-view-content-div. Older (migrated) stories use <br /><br />
between paragraphs instead of <p>. Boilerplate: date bar, GNB menu, 속보 ticker, 기자 sign-off
line with e-mail inside the body, "▶ 관련기사" links and "■ 제보하기" tip box inside the body, 저작권자 ©
… 무단전재 및 재배포 금지, reporter profile, 기사 추천, 관련기사 list, 댓글 block, 많이 본 뉴스, footer
with the newspaper's registration details.
"""

from __future__ import annotations

from common import esc, hexid, inline, rng_for

HOST = "www.hanbitilbo.example"
NAME = "한빛일보"
LANGUAGE = "ko"
CHARSET = "euc-kr"
ARCHIVE = [
    "해담시, 올해 공공일자리 2천개 만든다",
    "[사설] 지방 소멸 대책, 구호보다 실행이 먼저다",
    "해담대교 야간 경관조명 다음 달 켜진다",
    "도 교육청, 초등 늘봄학교 전면 확대",
    "[포토] 봄을 알리는 매화",
    "해담항 물동량 3년 만에 반등",
    "전세사기 피해 상담 창구 시청에 개설",
]
REPORTERS = {"김민준": "mjkim", "이서연": "sylee", "박도현": "dhpark", "최유나": "ynchoi"}
GNB = ["정치", "경제", "사회", "국제", "문화", "스포츠", "오피니언", "포토", "지역", "기획"]
DAYS = "월화수목금토일"


def url_for_slug(slug: str) -> str:
    return f"https://{HOST}/news/articleView.html?idxno={100000 + sum(map(ord, slug)) * 37 % 90000}"


def url(story) -> str:
    return url_for_slug(story.slug)


def _body(story, site, r):
    """<p> paragraphs, or text with <br /><br /> for stories migrated from the old CMS (style: br)."""
    br = story.get("style") == "br"

    def para(html):
        return html + "<br /><br />" if br else f"<p>{html}</p>"

    def photo(cap, credit):
        return (f'<figure class="photo-layout image"><img src="/news/photo/{story.when:%Y%m}/{r.randrange(10**5, 10**6)}_{r.randint(1000, 9999)}.jpg" alt="{esc(cap)}" />'
                f'<figcaption>{esc(cap)} /{esc(credit)}</figcaption></figure>')

    out = [photo(*story["image"].split(" | "))]
    for b in story.blocks:
        if b.kind == "p":
            out.append(para(inline(b.text)))
        elif b.kind == "h":
            out.append(para(f"<strong>{esc(b.text)}</strong>") if br else f'<h2 class="sub-title">{esc(b.text)}</h2>')
        elif b.kind == "ul":
            out.append("".join(para("△" + inline(i)) for i in b.items) if br else
                       "<ul>" + "".join(f"<li>{inline(i)}</li>" for i in b.items) + "</ul>")
        elif b.kind == "img":
            out.append(photo(*b.items))
        elif b.kind == "gallery":
            out.extend(photo(*c) for c in b.items)
        elif b.kind == "rel":
            out.append(para(f'▶ 관련기사 : <a href="{url_for_slug(b.text)}" target="_blank">{esc(b.text)}</a>'))
    reporter = story["author"]
    out.append(para(esc(story.get("signoff") or f"{reporter} 기자 {REPORTERS.get(reporter, 'news')}@hanbitilbo.example")))
    out.append('<div class="tip-box">■ 제보하기<br />▷ 전화 : 062-000-1234<br />▷ 이메일 : jebo@hanbitilbo.example<br />'
               '▷ 카카오톡 : 한빛일보 검색 채널 추가<br />▷ 유튜브, 인스타그램에서 \'한빛일보\'를 검색해 구독해 주세요.</div>')
    return "\n".join(out)


def render(story, site) -> str:
    r = rng_for(HOST, story.slug)
    page_url = url(story)
    w = story.when
    reporter = story["author"]
    date_k = f"{w:%Y.%m.%d %H:%M}"
    related = site.others(story, r, 4)
    most = site.others(story, rng_for(HOST, story.slug, "most"), 7)
    gnb = "".join(f'<li><a href="/news/articleList.html?sc_section_code=S1N{i + 1}&amp;view_type=sm">{g}</a></li>' for i, g in enumerate(GNB))
    rel = "".join(f'<li><a href="{url_for_slug(s)}">{esc(t)}</a><em class="info dated">{w:%Y-%m-%d}</em></li>' for t, s in related)
    most_html = "".join(f'<li><em class="number">{i + 1}</em><a href="{url_for_slug(s)}">{esc(t)}</a></li>' for i, (t, s) in enumerate(most))
    likes = r.randint(0, 40)
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="ko" lang="ko">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=euc-kr" />
<meta http-equiv="X-UA-Compatible" content="IE=edge" />
<title>{esc(story["title"])} - 한빛일보</title>
<meta name="description" content="{esc(story["dek"])}" />
<meta property="og:type" content="article" />
<meta property="og:title" content="{esc(story["title"])} - 한빛일보" />
<meta property="og:description" content="{esc(story["dek"])}" />
<meta property="og:url" content="{page_url}" />
<meta property="og:site_name" content="한빛일보" />
<meta property="article:published_time" content="{story.iso}" />
<meta name="twitter:card" content="summary_large_image" />
<link rel="canonical" href="{page_url}" />
<link rel="stylesheet" type="text/css" href="/css/style.css?v={hexid(r, 5)}" />
<script type="text/javascript" src="/js/jquery-1.12.4.min.js"></script>
<script type="text/javascript" src="/js/common.js?v=20231120"></script>
<script type="text/javascript">var _gaq=_gaq||[];_gaq.push(['_setAccount','UA-0000000-1']);_gaq.push(['_trackPageview']);</script>
</head>
<body>
<div id="skip-navigation"><a href="#user-container">본문 바로가기</a></div>
<div id="user-wrap">
<div id="top-banner"><a href="/event/subscribe"><img src="/image/banner/top_{hexid(r, 4)}.jpg" alt="한빛일보 종이신문 구독 신청" /></a></div>
<div id="user-header">
  <div class="header-top"><span class="today">{w.year}년 {w.month}월 {w.day}일 {DAYS[w.weekday()]}요일</span>
    <ul class="member"><li><a href="/member/login.html">로그인</a></li><li><a href="/member/join.html">회원가입</a></li><li><a href="/com/subscribe.html">구독신청</a></li><li><a href="/com/jebo.html">기사제보</a></li></ul></div>
  <h1 class="logo"><a href="/"><img src="/image/logo/toplogo.png" alt="한빛일보" /></a></h1>
  <form class="search" action="/news/articleList.html"><input type="text" name="sc_word" title="검색어 입력" /><button type="submit">검색</button></form>
  <ul id="gnb">{gnb}</ul>
  <div class="breaking"><strong>속보</strong> <a href="{url_for_slug(most[0][1])}">{esc(most[0][0])}</a></div>
</div>
<div id="user-container">
  <div class="article-head">
    <div class="breadcrumb"><a href="/">홈</a> &gt; <a href="/news/articleList.html?sc_section_code=S1N3">{esc(story["section"])}</a></div>
    <h3 class="heading">{esc(story["title"])}</h3>
    <h4 class="subheading">{esc(story["dek"])}</h4>
    <ul class="infomation">
      <li><i class="icon-user-o"></i> {esc(reporter)} 기자</li>
      <li><i class="icon-clock-o"></i> 입력 {date_k}</li>
      <li><i class="icon-clock-o"></i> 수정 {date_k}</li>
      <li><i class="icon-comment-o"></i> 댓글 {r.randint(0, 9)}</li>
    </ul>
    <ul class="share"><li><a href="#" class="facebook" title="페이스북">페이스북</a></li><li><a href="#" class="twitter" title="트위터">트위터</a></li><li><a href="#" class="kakao-talk" title="카카오톡">카카오톡</a></li><li><a href="#" class="url-copy" title="URL복사">URL복사</a></li><li><a href="#" class="font-up" title="글씨키우기">글씨키우기</a></li><li><a href="#" class="font-down" title="글씨줄이기">글씨줄이기</a></li><li><a href="#" class="print" title="프린트">인쇄</a></li><li><a href="#" class="scrap" title="스크랩">스크랩</a></li></ul>
  </div>
  <div class="article-body">
    <article id="article-view-content-div" class="article-veiw-body view-page font-size17" itemprop="articleBody">
{_body(story, site, r)}
    </article>
    <div class="view-copyright">저작권자 &copy; 한빛일보 무단전재 및 재배포 금지</div>
    <div class="view-editors"><div class="profile-images"><img src="/image/reporter/{REPORTERS.get(reporter, 'news')}.jpg" alt="{esc(reporter)}" /></div>
      <div class="profile-info"><strong class="name">{esc(reporter)} 기자</strong> <a href="/news/articleList.html?sc_area=I&amp;sc_word={REPORTERS.get(reporter, 'news')}">다른기사 보기</a></div></div>
    <div class="view-recommend"><a href="#" class="like">좋아요 <em>{likes}</em></a><a href="#" class="dislike">싫어요 <em>{r.randint(0, 5)}</em></a></div>
    <div id="relation" class="relation-news"><h3>관련기사</h3><ul>{rel}</ul></div>
    <div id="comments" class="comments"><h3>댓글 <em>0</em></h3><p class="login">로그인 후 댓글을 남길 수 있습니다.</p>
      <textarea title="댓글입력" placeholder="첫 댓글을 남겨주세요."></textarea><button type="button">등록</button>
      <ul class="sort"><li class="on">최신순</li><li>추천순</li><li>답글순</li></ul>
      <p class="notice">댓글 운영정책: 욕설, 비방, 광고성 댓글은 사전 통보 없이 삭제될 수 있습니다.</p></div>
  </div>
  <div id="aside">
    <div class="banner"><a href="/ad/side1"><img src="/image/banner/side_{hexid(r, 4)}.jpg" alt="광고" /></a></div>
    <section class="auto-article"><h2>많이 본 뉴스</h2><ol>{most_html}</ol></section>
    <section class="photo-news"><h2>포토뉴스</h2><ul><li><a href="/news/photo1"><img src="/news/thumbnail/{hexid(r, 6)}.jpg" alt="" /><span>[포토] 봄을 알리는 매화</span></a></li></ul></section>
  </div>
</div>
<div id="user-footer">
  <ul class="footer-menu"><li><a href="/com/company.html">회사소개</a></li><li><a href="/com/ad.html">광고문의</a></li><li><a href="/com/jebo.html">기사제보</a></li><li><a href="/member/privacy.html"><strong>개인정보처리방침</strong></a></li><li><a href="/member/youth.html">청소년보호정책</a></li><li><a href="/com/email.html">이메일무단수집거부</a></li><li><a href="/com/rss.html">RSS</a></li></ul>
  <address>제호 : 한빛일보 · 주소 : 해담시 중앙로 118 한빛빌딩 · 대표전화 : 062-000-1000 · 팩스 : 062-000-1001<br />
  등록번호 : 해담 아 00123 · 등록일 : 2010-05-17 · 발행인 : 정한빛 · 편집인 : 윤서진 · 청소년보호책임자 : 오민석</address>
  <p class="copyright">한빛일보 모든 콘텐츠(영상,기사, 사진)는 저작권법의 보호를 받은바, 무단 전재와 복사, 배포 등을 금합니다.<br />Copyright &copy; 2024 한빛일보. All rights reserved. mail to jebo@hanbitilbo.example</p>
</div>
</div>
<script type="text/javascript">$(function(){{ $('.url-copy').on('click', function(){{ alert('주소가 복사되었습니다.'); }}); }});</script>
</body>
</html>
"""
