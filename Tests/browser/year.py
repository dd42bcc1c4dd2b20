"""The year through the web at 390x844, as each role lives it, on a fresh `thidua demo`.

An officer lands on "Việc cần làm", uploads a report from it, scores the self-assessment (one bad value first,
then evidence for every criterion that needs it, then sends it); the head unit checks units in and opens the flag
ballot; another officer votes from the banner (an empty paper first), and sees the vote on a revisit; the head
unit closes the round, locks and publishes. On every page: nothing scrolls sideways, every input has a label,
and the top bar stays compact. Env and exit codes as smoke.py.
"""
import base64
import io
import json
import os
import re
import shutil
import subprocess
import urllib.request
import zipfile
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from smoke import (REPO, SmokeFailure, By, EC, WebDriverWait, WebDriverException, make_driver, minimal_pdf,  # noqa: E402
                   nfc, start_server, wait_for, wait_healthy, free_port, click, click_found, on_home, trustees_make_keys, trustees_decrypt,
                   BLOC)
from smoke import sign_in as smoke_sign_in  # noqa: E402
from certificates import board_decides_and_prints, demo_bloc_row  # noqa: E402
from council import council_votes  # noqa: E402

PHONE = (390, 844)
TOP_BAR_MAX = 120
pages_checked = []

UNLABELLED = """
return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')].filter((e) => {
  if (e.closest('label') || e.getAttribute('aria-label')) return false;
  return !(e.id && document.querySelector(`label[for="${e.id}"]`));
}).map((e) => e.name || e.type);
"""


def check_page(driver, what):
    """What a person on a phone would notice: a page wider than the screen, a box nobody named, a tall top bar."""
    width, inner = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    if width > inner:
        wide = driver.execute_script("""const clipped = (e) => { for (let p = e.parentElement; p; p = p.parentElement) {
              if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true; } return false; };
            return [...document.querySelectorAll('body *')].filter((e) =>
            e.getBoundingClientRect().right > window.innerWidth + 1 && !clipped(e)).slice(0, 3).map((e) =>
            e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' ' + Math.round(e.getBoundingClientRect().right));""")
        raise SmokeFailure(f"{what} scrolls sideways at {inner} px: {width} px wide, widest {wide} ({driver.current_url})")
    unlabelled = driver.execute_script(UNLABELLED)
    if unlabelled:
        raise SmokeFailure(f"{what} has inputs without a label: {unlabelled}")
    bar = driver.execute_script("const b = document.querySelector('.topbar'); return b ? b.getBoundingClientRect().height : 0")
    if bar > TOP_BAR_MAX:
        raise SmokeFailure(f"{what}: the top bar takes {bar:.0f} of {PHONE[1]} px")
    pages_checked.append(what)


def sign_in(driver, base, username):
    smoke_sign_in(driver, base, username, then=None)
    check_page(driver, f"home of {username}")


def answer(driver, what):
    """The page's answer to a form: its flash, not the standing notice that the demo password is weak."""
    return wait_for(driver, what, lambda d: d.find_elements(By.CSS_SELECTOR, ".flash:not([data-testid=password-outdated])"))[0]


def accept_confirm(driver, must_name=None):
    alert = WebDriverWait(driver, 10).until(EC.alert_is_present())
    if must_name and nfc(must_name) not in nfc(alert.text):
        raise SmokeFailure(f"the confirmation does not name {must_name}: {alert.text}")
    alert.accept()


def officer_uploads_and_scores(driver, base, data_dir):
    pdf = data_dir / "minh-chung.pdf"
    minimal_pdf(pdf)
    sign_in(driver, base, "vanphong")
    items = driver.find_elements(By.CSS_SELECTOR, "[data-testid=todo-item] a")
    report = next((a for a in items if "#req-" in (a.get_attribute("href") or "")), None)
    if report is None:
        raise SmokeFailure("the officer's home lists no report to send")
    title = report.text
    report.click()  # tap 1
    code = driver.current_url.split("#req-")[-1]
    section = wait_for(driver, "the anchored requirement", lambda d: d.find_elements(By.ID, f"req-{code}"))[0]
    check_page(driver, "checklist")
    section.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(str(pdf))  # tap 2
    section.find_element(By.CSS_SELECTOR, "button[data-testid=upload]").click()  # tap 3
    flash = wait_for(driver, "the upload confirmation", lambda d: d.find_elements(By.CSS_SELECTOR, ".flash-ok"))[0]
    print(f"uploaded '{title}' in 3 taps from home:", flash.text, flush=True)

    driver.get(base + "/")
    link = next((a for a in driver.find_elements(By.CSS_SELECTOR, "[data-testid=todo-item] a")
                 if "/assessment" in (a.get_attribute("href") or "")), None)
    if link is None:
        raise SmokeFailure("the officer's home does not list the self-assessment")
    link.click()
    boxes = wait_for(driver, "the score boxes", lambda d: d.find_elements(By.CSS_SELECTOR, "input.points"))
    check_page(driver, "self-assessment")
    for box in boxes:
        box.clear()
        box.send_keys(box.get_attribute("data-max").replace(".", ","))
    bad = boxes[len(boxes) // 2]
    bad.clear()
    bad.send_keys("chín")
    if "invalid" not in (bad.get_attribute("class") or ""):
        raise SmokeFailure("the live check does not mark a score that is not a number")
    driver.find_element(By.CSS_SELECTOR, "button[name=action][value=save]").click()
    wait_for(driver, "the refusal beside its box", lambda d: d.find_elements(By.CSS_SELECTOR, ".field-error"))
    boxes = driver.find_elements(By.CSS_SELECTOR, "input.points")
    kept = [b.get_attribute("value") for b in boxes]
    if "chín" not in kept or sum(1 for v in kept if v) != len(boxes):
        raise SmokeFailure(f"a refused save lost typed scores: {kept}")
    bad = next(b for b in boxes if b.get_attribute("value") == "chín")
    bad.clear()
    bad.send_keys(bad.get_attribute("data-max").replace(".", ","))
    rows = [r for r in driver.find_elements(By.CSS_SELECTOR, "tr[data-code]") if r.find_elements(By.CSS_SELECTOR, ".tag")]
    for row in rows:
        row.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(str(pdf))
        row.find_element(By.CSS_SELECTOR, ".evidence-upload button").click()
        status = row.find_element(By.CSS_SELECTOR, ".evidence-status")
        WebDriverWait(driver, 20).until(lambda d: status.text.strip())
        if nfc("Đã nhận minh chứng") not in nfc(status.text):
            raise SmokeFailure(f"evidence for {row.get_attribute('data-code')} was refused: {status.text}")
    typed = [b.get_attribute("value") for b in driver.find_elements(By.CSS_SELECTOR, "input.points")]
    if "" in typed:
        raise SmokeFailure("uploading evidence lost typed scores")
    click(driver, "the send button", "button[data-testid=submit-assessment]")
    accept_confirm(driver)
    wait_for(driver, "the sent assessment", lambda d: nfc("Đã nộp bản tự chấm") in nfc(d.find_element(By.TAG_NAME, "body").text))
    check_page(driver, "self-assessment, sent")
    print(f"self-assessment sent with evidence for {len(rows)} criteria after one refused value", flush=True)


def head_opens_the_ballot(driver, base):
    sign_in(driver, base, "noichinh")
    if not driver.find_elements(By.CSS_SELECTOR, "[data-testid=secretariat-work]"):
        raise SmokeFailure("the secretariat's home shows no work")
    work = driver.find_element(By.CSS_SELECTOR, "[data-testid=secretariat-work]").text
    if nfc("chờ thống nhất") not in nfc(work):
        raise SmokeFailure("the secretariat is not told of the assessment to agree: " + work)
    driver.find_element(By.CSS_SELECTOR, "[data-testid=todo-card] h2 a").click()
    cycle = driver.current_url
    click(driver, "the scoring link", "a[data-testid=scoring-link]")
    link = next(a for a in driver.find_elements(By.CSS_SELECTOR, "a[data-testid=assessment-link]") if nfc("Văn phòng Tỉnh ủy") in nfc(a.text))
    link.click()
    total = wait_for(driver, "the unit's total", lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=sum]"))[0].text
    if total.strip() in ("", "0"):
        raise SmokeFailure(f"the review shows the unit's total as '{total}'")
    agreed = [b.get_attribute("value") for b in driver.find_elements(By.CSS_SELECTOR, "input.agreed")]
    if not agreed or "" in agreed:
        raise SmokeFailure("agreed scores do not start from the unit's scores")
    check_page(driver, "review")
    driver.find_element(By.CSS_SELECTOR, "input[name='bonusTitle[0]']").send_keys("Sáng kiến cấp tỉnh")
    driver.find_element(By.CSS_SELECTOR, "input[name='bonusPoints[0]']").send_keys("1")
    driver.find_element(By.CSS_SELECTOR, "input[name='bonusReason[0]']").send_keys("Quyết định công nhận sáng kiến")
    driver.find_element(By.CSS_SELECTOR, "button[name=action][value=agree]").click()
    flash = answer(driver, "the agreement's answer")
    if "flash-ok" not in flash.get_attribute("class"):
        raise SmokeFailure("the agreement was refused: " + flash.text)
    print(f"the secretariat reviewed a total of {total} and agreed it with a bonus line", flush=True)
    driver.get(cycle)
    click(driver, "the conference link", "a[data-testid=conference-link]")
    check_page(driver, "conference")
    for unit in ("Báo Lào Cai", "Văn phòng Tỉnh ủy", "Ban Nội chính Tỉnh ủy"):
        for attempt in range(5):
            try:  # the page reloads after each check-in: a row read while it does is stale, so read again
                rows = wait_for(driver, "the attendance", lambda d: d.find_elements(By.CSS_SELECTOR, "#attendance + table tbody tr"))
                row = next(r for r in rows if nfc(unit) in nfc(r.text))
                row.find_element(By.CSS_SELECTOR, "button[value=true]").click()
                wait_for(driver, "the check-in", EC.staleness_of(row))
                break
            except WebDriverException:
                time.sleep(0.3)
    check_page(driver, "conference, checked in")
    driver.find_element(By.CSS_SELECTOR, "form.card button[type=submit]").click()
    wait_for(driver, "the new round", lambda d: d.find_elements(By.CSS_SELECTOR, "a[data-testid=trustee-link]"))
    draft_url = driver.current_url
    trustees_make_keys(driver, base, draft_url, check=lambda what: check_page(driver, what))
    sign_in(driver, base, "noichinh")
    driver.get(draft_url)
    click(driver, "the open button", "button[data-testid=open]")
    wait_for(driver, "the open round", lambda d: d.find_elements(By.CSS_SELECTOR, "button[data-testid=close]"))
    check_page(driver, "ballot")
    return driver.current_url


def officer_votes(driver, base, ballot_url):
    sign_in(driver, base, "baolaocai")
    click(driver, "the vote banner", "a[data-testid=vote-now]")  # tap 1
    wait_for(driver, "the vote form", lambda d: d.find_elements(By.CSS_SELECTOR, "form[data-testid=vote-form]"))
    check_page(driver, "vote")
    click(driver, "the cast button", "button[data-testid=cast]")
    refusal = answer(driver, "the empty-paper refusal")
    if nfc("chưa chọn đơn vị nào") not in nfc(refusal.text):
        raise SmokeFailure("an empty paper is not refused by name: " + refusal.text)
    if driver.find_elements(By.CSS_SELECTOR, "[data-testid=receipt]"):
        raise SmokeFailure("an empty paper was cast")
    choice = next(c for c in driver.find_elements(By.CSS_SELECTOR, "label.choice") if "blank" not in c.get_attribute("class"))
    name = choice.text.strip()
    choice.find_element(By.CSS_SELECTOR, "input").click()  # tap 2
    click(driver, "the cast button", "button[data-testid=cast]")  # tap 3
    accept_confirm(driver, must_name=name)
    receipt = wait_for(driver, "the receipt", lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=receipt]"))[0].text
    check_page(driver, "receipt")
    driver.get(ballot_url + "/vote")
    wait_for(driver, "the voted notice", lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=voted]"))
    kept = driver.find_element(By.CSS_SELECTOR, "[data-testid=kept-receipt]").text
    if kept.strip() != receipt.strip():
        raise SmokeFailure(f"the revisit shows receipt '{kept}', not '{receipt}'")
    print(f"voted for {name}, receipt {receipt}, shown again on a revisit", flush=True)
    return receipt.strip()


def head_closes_and_publishes(driver, base, ballot_url):
    sign_in(driver, base, "noichinh")
    driver.get(ballot_url)
    click(driver, "the close button", "button[data-testid=close]")
    accept_confirm(driver)
    wait_for(driver, "the result", lambda d: not d.find_elements(By.CSS_SELECTOR, "button[data-testid=close]"))
    check_page(driver, "ballot, closed")
    driver.get(base + "/")
    cycle = driver.find_element(By.CSS_SELECTOR, "[data-testid=todo-card] h2 a").get_attribute("href")
    driver.get(cycle)
    click(driver, "the scoring link", "a[data-testid=scoring-link]")
    check_page(driver, "scoring")
    click(driver, "the lock button", "button[data-testid=lock]")
    accept_confirm(driver)
    wait_for(driver, "the lock", lambda d: d.find_elements(By.CSS_SELECTOR, ".flash-ok"))
    form = driver.find_element(By.CSS_SELECTOR, "form[data-testid=publish-form]")
    form.find_element(By.CSS_SELECTOR, "input[name=reason]").send_keys("Hội nghị thống nhất công bố kết quả")
    form.find_element(By.CSS_SELECTOR, "button[data-testid=publish]").click()
    accept_confirm(driver)
    wait_for(driver, "the publication", lambda d: d.find_elements(By.CSS_SELECTOR, ".flash-ok"))
    driver.get(cycle.rstrip("/") + "/ranking")
    table = wait_for(driver, "the ranking", lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=ranking]"))[0]
    if nfc("Văn phòng Tỉnh ủy") not in nfc(table.text):
        raise SmokeFailure("the published ranking lacks the unit that sent its assessment")
    check_page(driver, "ranking")
    print("round closed, scores locked and published", flush=True)


def anyone_checks_the_board(driver, board_url, receipt, binary, data_dir):
    """Signed out, the public board lists the voter's receipt; its record checks with ballot-verify and with the
    independent Python verifier, and a record with one count changed does not."""
    driver.delete_all_cookies()
    driver.get(board_url)
    papers = wait_for(driver, "the board's papers", lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=board-papers] tbody tr"))
    if not any(receipt in row.text for row in papers):
        raise SmokeFailure(f"the public board does not list the receipt {receipt}")
    check_page(driver, "public ballot board")
    link = driver.find_element(By.CSS_SELECTOR, "a[data-testid=record-link]").get_attribute("href")
    record = data_dir / "record.json"
    record.write_bytes(urllib.request.urlopen(link, timeout=30).read())
    (data_dir / "verify").mkdir(exist_ok=True)
    env = dict(os.environ, THIDUA_DATA_DIR=str(data_dir / "verify"))
    for command in ([str(binary), "ballot-verify", str(record)], [sys.executable, str(REPO / "Tests/sealed/verify.py"), str(record)]):
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
        if done.returncode != 0:
            raise SmokeFailure(f"{command[1]} refuses the published record: {done.stdout} {done.stderr}")
    tampered = json.loads(record.read_text())
    tampered["counts"][0] += 1
    (data_dir / "tampered.json").write_text(json.dumps(tampered))
    done = subprocess.run([sys.executable, str(REPO / "Tests/sealed/verify.py"), str(data_dir / "tampered.json")],
                          capture_output=True, text=True, timeout=300)
    if done.returncode != 1 or "FAIL" not in done.stdout:
        raise SmokeFailure(f"the verifier passed a changed count: {done.stdout}")
    print(f"the public board lists receipt {receipt}; its record checks with ballot-verify and verify.py", flush=True)


def download(driver, url, kind):
    """Fetches a file as the signed-in page would, and opens it as the ZIP an Office file is."""
    fetched = driver.execute_async_script("""const done = arguments[arguments.length - 1];
        fetch(arguments[0], {credentials: 'same-origin'}).then(async (r) => {
          const bytes = new Uint8Array(await r.arrayBuffer()); let s = '';
          for (const b of bytes) s += String.fromCharCode(b);
          done([r.status, r.headers.get('content-type'), btoa(s)]); }).catch((e) => done([0, String(e), '']));""", url)
    if fetched[0] != 200 or kind not in (fetched[1] or ""):
        raise SmokeFailure(f"{url} did not download as {kind}: {fetched[:2]}")
    return zipfile.ZipFile(io.BytesIO(base64.b64decode(fetched[2])))


def proposal_returned_by_the_board(driver, base):
    """The head unit sends the flag nominee's proposal from the awards page; the board returns it from its inbox
    with a reason, on a phone; the head unit reads the reason on its awards page, where the proposal is editable."""
    sign_in(driver, base, "noichinh")
    cycle = driver.find_element(By.CSS_SELECTOR, "[data-testid=todo-card] h2 a").get_attribute("href")
    driver.get(cycle)
    click(driver, "the awards link", "a[data-testid=awards-link]")
    form = next(f for f in driver.find_elements(By.CSS_SELECTOR, "details.card form") if f.find_elements(By.CSS_SELECTOR, "input[name=title]"))
    form.find_element(By.XPATH, "./ancestor::details/summary").click()
    form.find_element(By.CSS_SELECTOR, "input[name=title]").send_keys("Tờ trình đề nghị tặng Cờ thi đua năm 2023")
    boxes = form.find_elements(By.CSS_SELECTOR, "input[name='nomineeIDs[]']")
    if not boxes:
        raise SmokeFailure("the flag ballot's winner is not offered as a nominee")
    boxes[0].click()
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    send = wait_for(driver, "the send form", lambda d: d.find_elements(By.CSS_SELECTOR, "button[data-testid=send-proposal]"))[0]
    send.find_element(By.XPATH, "./ancestor::form").find_element(By.CSS_SELECTOR, "input[name=overrideReason]").send_keys(
        "Đơn vị có thành tích xuất sắc, được Hội nghị suy tôn")
    send.click()
    accept_confirm(driver)
    wait_for(driver, "the sent proposal", lambda d: not d.find_elements(By.CSS_SELECTOR, "button[data-testid=send-proposal]"))
    check_page(driver, "awards, proposal sent")
    sign_in(driver, base, "bantdkt")
    # The board's overview of every bloc downloads as a workbook naming the bloc.
    overview = driver.find_element(By.CSS_SELECTOR, "a[data-testid=overview-xlsx]").get_attribute("href")
    with download(driver, overview, "spreadsheetml") as xlsx:
        strings = nfc(xlsx.read("xl/sharedStrings.xml").decode()) if "xl/sharedStrings.xml" in xlsx.namelist() else \
            nfc(" ".join(xlsx.read(n).decode() for n in xlsx.namelist() if n.startswith("xl/worksheets/")))
    if nfc(BLOC) not in strings:
        raise SmokeFailure("the overview workbook does not name the demo's bloc")
    click(driver, "the board's inbox link", "a[data-testid=board-inbox-link]")
    row = wait_for(driver, "the demo bloc's inbox row", demo_bloc_row)
    check_page(driver, "board inbox")
    reason = "Bổ sung bản chính báo cáo thành tích có chữ ký, đóng dấu"
    row.find_element(By.CSS_SELECTOR, "[data-testid=inbox-reason]").send_keys(reason)
    row.find_element(By.CSS_SELECTOR, "button[data-testid=inbox-return]").click()
    # The inbox's own checks are flashes too: wait for the page after the return, with its status.
    def returned(d):
        try:
            return any(nfc("trả lại") in nfc(s.text) for s in d.find_elements(By.CSS_SELECTOR, "[data-testid=inbox-status]"))
        except WebDriverException:  # the page changed while it was read: read the new one
            return False
    wait_for(driver, "the returned proposal in the inbox", returned)
    if not driver.find_elements(By.CSS_SELECTOR, ".flash-ok"):
        raise SmokeFailure("the board was not told the proposal was returned")
    sign_in(driver, base, "noichinh")
    driver.get(cycle.rstrip("/") + "/awards")
    returned = wait_for(driver, "the returned proposal", lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=proposal-returned]"))[0]
    if nfc(reason) not in nfc(returned.text) or not driver.find_elements(By.CSS_SELECTOR, "button[data-testid=send-proposal]"):
        raise SmokeFailure("the bloc does not see the board's reason, or cannot send again: " + returned.text)
    check_page(driver, "awards, proposal returned")
    # Corrected and sent again; the board accepts it and drafts the chairman's decision, which names the unit.
    unit = nfc(driver.find_element(By.CSS_SELECTOR, "[data-testid=proposal] .list li").text.split(" — ")[0])
    click(driver, "the send button again", "button[data-testid=send-proposal]")
    accept_confirm(driver)
    wait_for(driver, "the proposal sent again", lambda d: not d.find_elements(By.CSS_SELECTOR, "button[data-testid=send-proposal]"))
    sign_in(driver, base, "bantdkt")
    click(driver, "the board's inbox link", "a[data-testid=board-inbox-link]")
    click_found(driver, "the demo bloc's accept button",
                lambda d: (demo_bloc_row(d) or None) and demo_bloc_row(d).find_element(By.CSS_SELECTOR, "button[data-testid=inbox-accept]"))
    accept_confirm(driver)
    draft = wait_for(driver, "the draft decision link", lambda d: d.find_elements(By.CSS_SELECTOR, "a[data-testid=decision-draft]"))[0]
    check_page(driver, "board inbox, accepted")
    with download(driver, draft.get_attribute("href"), "wordprocessingml") as docx:
        text = nfc(re.sub(r"<[^>]+>", "", docx.read("word/document.xml").decode()))
    if unit not in text or nfc("QUYẾT ĐỊNH") not in text:
        raise SmokeFailure(f"the draft decision does not name {unit}")
    print(f"the head unit sent the proposal; the board returned it with a reason, which the bloc read; sent again, "
          f"accepted, and the draft decision names {unit}", flush=True)


def sweep(driver, base):
    """Every other page a person reaches from the menus, as the head unit and as the administrator."""
    sign_in(driver, base, "noichinh")
    cycle = driver.find_element(By.CSS_SELECTOR, "[data-testid=todo-card] h2 a").get_attribute("href")
    driver.get(cycle)
    check_page(driver, "cycle")
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "nav.subnav a")
             if not a.get_attribute("href").endswith(".docx")]
    for url in links + [base + "/notifications", base + "/blocs", cycle.rstrip("/") + "/minutes"]:
        driver.get(url)
        check_page(driver, url.replace(base, ""))
    sign_in(driver, base, "admin")
    for path in ("/blocs", "/units", "/users", "/outbox"):
        driver.get(base + path)
        check_page(driver, path)
    driver.find_element(By.CSS_SELECTOR, "nav a[href='/blocs']").click()
    driver.find_element(By.CSS_SELECTOR, "a[data-testid=bloc-link]").click()
    check_page(driver, "bloc")


def main():
    binary = Path(os.environ.get("THIDUA_BIN", ".build/debug/thidua"))
    if not binary.is_absolute():
        binary = (Path.cwd() / binary) if (Path.cwd() / binary).exists() else REPO / binary
    data_dir = Path(tempfile.mkdtemp(prefix="thidua-year-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    driver = server = None
    code = 1
    started = time.monotonic()
    try:
        with open(data_dir / "server.log", "wb") as log:
            server = start_server(binary, port, data_dir, log)
            wait_healthy(server, base)
            driver = make_driver()
            driver.set_window_size(*PHONE)
            try:
                officer_uploads_and_scores(driver, base, data_dir)
                ballot = head_opens_the_ballot(driver, base)
                receipt = officer_votes(driver, base, ballot)
                head_closes_and_publishes(driver, base, ballot)
                board = trustees_decrypt(driver, base, ballot, check=lambda what: check_page(driver, what))
                anyone_checks_the_board(driver, board, receipt, binary, data_dir)
                proposal_returned_by_the_board(driver, base)
                council_votes(driver, base, check=lambda what: check_page(driver, what))
                board_decides_and_prints(driver, base, check=lambda what: check_page(driver, what))
                sweep(driver, base)
                print(f"YEAR PASSED: {len(pages_checked)} pages checked at {PHONE[0]}x{PHONE[1]} "
                      f"in {time.monotonic() - started:.0f} s", flush=True)
                code = 0
            except (SmokeFailure, WebDriverException, StopIteration) as error:
                print("YEAR FAILED:", repr(error), getattr(error, "msg", ""), "at", driver.current_url, file=sys.stderr)
                shot = os.environ.get("SMOKE_SCREENSHOT")
                if shot:
                    driver.save_screenshot(shot)
    finally:
        if driver is not None:
            driver.quit()
        if server is not None and server.poll() is None:
            server.terminate()
            server.wait(timeout=10)
        if code != 0:
            print((data_dir / "server.log").read_text(errors="replace")[-5000:], file=sys.stderr)
        shutil.rmtree(data_dir, ignore_errors=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
