"""The provincial council in the browser, at phone size: the board creates the session, marks the members present and
opens the flag ballot; two members vote from the banner on their home page (one tries a second paper and is told it
is done); the board closes it, the count minutes download and name the unit, and the draft decision still names it."""
import io
import re
import zipfile

from smoke import SmokeFailure, By, EC, WebDriverWait, WebDriverException, nfc, wait_for, click, sign_in
from certificates import fetch


def docx_text(data):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return nfc(re.sub(r"<[^>]+>", "", z.read("word/document.xml").decode()))


def confirm(driver):
    """Accepts the page's "are you sure" question (a paper cannot be changed; a close cannot be undone)."""
    WebDriverWait(driver, 10).until(EC.alert_is_present()).accept()


def council_votes(driver, base, check):
    sign_in(driver, base, "bantdkt", then=None)
    click(driver, "the council link", "a[data-testid=council-link]")
    check("council")
    form = wait_for(driver, "the new session form", lambda d: d.find_elements(By.CSS_SELECTOR, "form[data-testid=council-session-form]"))[0]
    if not form.is_displayed():
        form.find_element(By.XPATH, "./ancestor::details/summary").click()
    year = form.find_element(By.CSS_SELECTOR, "input[name=year]")
    year.clear()
    year.send_keys("2023")
    form.find_element(By.CSS_SELECTOR, "input[name=title]").send_keys("Phiên họp xét khen thưởng năm 2023")
    form.find_element(By.CSS_SELECTOR, "input[name=venue]").send_keys("Phòng họp tầng 3")
    form.find_element(By.CSS_SELECTOR, "textarea[name=agenda]").send_keys("Xét tặng Cờ thi đua\nXét tặng Bằng khen")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    boxes = wait_for(driver, "the attendance list", lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=council-attendance] input[type=checkbox]"))
    check("council session")
    for box in boxes:
        if not box.is_selected():
            box.click()
    click(driver, "the attendance save button", "button[data-testid=council-attendance-save]")
    wait_for(driver, "the saved attendance", lambda d: d.find_elements(By.CSS_SELECTOR, ".flash-ok"))
    click(driver, "the flag ballot's open button", "button[data-testid=council-open-provincialFlag]")
    wait_for(driver, "the open ballot", lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=council-ballot]"))
    session = driver.current_url

    for member in ("hdchutich", "hdnoivu"):
        sign_in(driver, base, member, then=None)
        check(f"home of council member {member}")
        click(driver, "the council's vote banner", ".banner a")
        form = wait_for(driver, "the council paper", lambda d: d.find_elements(By.CSS_SELECTOR, "form[data-testid=council-vote-form]"))[0]
        check("council paper")
        form.find_element(By.CSS_SELECTOR, "input[name='choices[]']").click()
        click(driver, "the cast button", "button[data-testid=council-cast]")
        confirm(driver)
        wait_for(driver, "the recorded paper", lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=council-voted]"))
        # A second visit shows the paper is done, with no form to send another.
        driver.get(driver.current_url)
        if driver.find_elements(By.CSS_SELECTOR, "form[data-testid=council-vote-form]"):
            raise SmokeFailure(f"{member} is offered a second paper")

    sign_in(driver, base, "bantdkt", then=None)
    driver.get(session)
    click(driver, "the close button", "button[data-testid=council-close]")
    confirm(driver)

    def counted(d):
        try:
            return d.find_elements(By.CSS_SELECTOR, "[data-testid=council-outcome]")
        except WebDriverException:
            return False
    outcome = nfc(wait_for(driver, "the council's count", counted)[0].text)
    check("council session, counted")
    minutes = docx_text(fetch(driver, driver.find_element(By.CSS_SELECTOR, "a[data-testid=council-minutes]").get_attribute("href"),
                              "wordprocessingml"))
    unit = outcome.split(":", 1)[-1].split("(")[0].strip()
    if not unit or unit not in minutes or nfc("Có mặt 03/03 thành viên Hội đồng") not in minutes:
        raise SmokeFailure(f"the count minutes do not name the council's choice {unit!r} or its attendance")
    print(f"the council met: three members present, two voted from their phones, and the count minutes name {unit}", flush=True)
