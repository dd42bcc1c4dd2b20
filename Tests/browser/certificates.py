"""The board's end of the year in the browser: it records the chairman's decision on the accepted proposal, then
prints the flag's certificate onto its blank, calibrates the printer's shift and prints again; the PDF is read back
with `pdftotext -bbox`, and every word must have moved by exactly the shift typed (with a decimal comma)."""
import base64
import re
import subprocess
import tempfile
from pathlib import Path

from smoke import BLOC, SmokeFailure, By, WebDriverException, nfc, wait_for, click, click_found, sign_in


def demo_bloc_row(driver):
    """The inbox row of the demo's own bloc; the other two blocs of the demo have sent proposals too."""
    try:
        return next((r for r in driver.find_elements(By.CSS_SELECTOR, "[data-testid=inbox-row]") if nfc(BLOC) in nfc(r.text)), False)
    except WebDriverException:  # read while the page reloads: read the new one
        return False

MM = 72 / 25.4


def strip_marks(text):
    """The name as someone types it without Vietnamese marks: "Văn phòng" -> "Van phong"."""
    import unicodedata
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in plain if unicodedata.category(c) != "Mn")


def fetch(driver, url, kind):
    """The bytes of a download, fetched as the signed-in page would."""
    got = driver.execute_async_script("""const done = arguments[arguments.length - 1];
        fetch(arguments[0], {credentials: 'same-origin'}).then(async (r) => {
          const bytes = new Uint8Array(await r.arrayBuffer()); let s = '';
          for (const b of bytes) s += String.fromCharCode(b);
          done([r.status, r.headers.get('content-type'), btoa(s)]); }).catch((e) => done([0, String(e), '']));""", url)
    if got[0] != 200 or kind not in (got[1] or ""):
        raise SmokeFailure(f"{url} did not download as {kind}: {got[:2]}")
    return base64.b64decode(got[2])


def words(pdf):
    """(text, xMin, yMin) of every word on the first page, as poppler reads the file."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "c.pdf"
        path.write_bytes(pdf)
        html = subprocess.run(["pdftotext", "-bbox", "-l", "1", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [(nfc(t), float(x), float(y)) for x, y, t in re.findall(r'<word xMin="([0-9.]+)" yMin="([0-9.]+)"[^>]*>([^<]*)</word>', html)]


def board_decides_and_prints(driver, base, check):
    sign_in(driver, base, "bantdkt", then=None)
    click(driver, "the board's inbox link", "a[data-testid=board-inbox-link]")
    click_found(driver, "the accepted proposal's awards page",
                lambda d: (demo_bloc_row(d) or None) and demo_bloc_row(d).find_element(By.CSS_SELECTOR, "a[data-testid=inbox-awards]"))
    form = wait_for(driver, "the decision form", lambda d: d.find_elements(By.CSS_SELECTOR, "form[data-testid=decision-form]"))[0]
    unit = nfc(form.find_element(By.CSS_SELECTOR, "label.check").text.strip())
    form.find_element(By.CSS_SELECTOR, "input[name=number]").send_keys("125/QĐ-UBND")
    form.find_element(By.CSS_SELECTOR, "input[name=issuer]").send_keys("Chủ tịch Ủy ban nhân dân tỉnh")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for(driver, "the recorded decision", lambda d: any("125/QĐ-UBND" in nfc(e.text) for e in d.find_elements(By.CSS_SELECTOR, ".decision")))
    check("awards, decision recorded")

    driver.get(base + "/")
    click(driver, "the board's inbox link", "a[data-testid=board-inbox-link]")
    click(driver, "the certificates link", "a[data-testid=certificates-link]")
    row = wait_for(driver, "the flag's certificate row", lambda d: [r for r in d.find_elements(By.CSS_SELECTOR, "[data-testid=certificate-row]")
                                                                   if unit in nfc(r.text)])[0]
    check("certificates")
    one = row.find_element(By.CSS_SELECTOR, "a[data-testid=certificate-one]").get_attribute("href")
    before = words(fetch(driver, one, "application/pdf"))
    if unit.split()[0] not in [w[0] for w in before]:
        raise SmokeFailure(f"the certificate does not carry {unit}: {before[:8]}")

    click(driver, "the flag blank's calibration", "a[data-testid=calibrate-flag]")
    box = wait_for(driver, "the shift box", lambda d: d.find_elements(By.CSS_SELECTOR, "input[data-testid=offset-x]"))[0]
    check("certificate calibration")
    box.clear()
    box.send_keys("1,5")
    click(driver, "the save button", "button[data-testid=layout-save]")

    def saved(d):
        try:
            return d.find_elements(By.CSS_SELECTOR, ".flash-ok") and d.find_element(By.CSS_SELECTOR, "input[data-testid=offset-x]").get_attribute("value") == "1,5"
        except WebDriverException:  # read mid-reload: read the new page
            return False
    wait_for(driver, "the saved calibration", saved)
    after = words(fetch(driver, one, "application/pdf"))
    if [w[0] for w in before] != [w[0] for w in after]:
        raise SmokeFailure("the texts changed with the calibration")
    moved = {round(b[1] - a[1], 2) for a, b in zip(after, before)}
    if any(abs(m - 1.5 * MM) > 0.05 for m in moved) or any(abs(a[2] - b[2]) > 0.05 for a, b in zip(after, before)):
        raise SmokeFailure(f"a shift of 1,5 mm moved the words by {moved} pt, not {1.5 * MM:.2f}")
    fetch(driver, driver.find_element(By.CSS_SELECTOR, "a[data-testid=layout-test-page]").get_attribute("href"), "application/pdf")

    # The province's history finds the unit typed without its marks, with the award just recorded.
    driver.get(base + "/")
    click(driver, "the board's inbox link", "a[data-testid=board-inbox-link]")
    click(driver, "the history link", "a[data-testid=history-link]")
    box = wait_for(driver, "the search box", lambda d: d.find_elements(By.CSS_SELECTOR, "input[data-testid=history-query]"))[0]
    box.send_keys(strip_marks(unit))
    click(driver, "the search button", "button[data-testid=history-search]")
    found = wait_for(driver, "the unit's history", lambda d: [h for h in d.find_elements(By.CSS_SELECTOR, "[data-testid=history-holder]")
                                                              if unit in nfc(h.text)])
    if "125/QĐ-UBND" not in nfc(found[0].text):
        raise SmokeFailure(f"the history of {unit} does not list decision 125/QĐ-UBND: {found[0].text}")
    check("award history")
    print(f"the board recorded the decision; {unit}'s certificate printed, and a 1,5 mm shift moved every word by 1,5 mm", flush=True)
