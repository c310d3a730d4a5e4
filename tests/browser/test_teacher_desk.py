"""The teacher desk in Chromium on the demo school: sign in, import a class list with a bad row,
a board with a kiosk link and its QR code, the week's draw and reward, the exports, and a form
without its token refused (look at the screenshots)."""

import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import load_workbook
from playwright.sync_api import Browser, Page, expect

from app.domain.weeks import week_of
from tests.browser.conftest import DemoServer, screenshot
from tests.browser.teacher_support import desk, flash

DATA = Path(__file__).resolve().parents[1] / "data"


def _last_week() -> str:
    return week_of(datetime.now(UTC) - timedelta(weeks=1), ZoneInfo("Europe/Amsterdam"))


def _downloaded(page: Page, button: str) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.locator(button).click()
    download = info.value
    path = download.path()
    return download.suggested_filename, Path(path).read_bytes()


def test_teacher_sign_in_wrong_then_right(browser: Browser, demo_server: DemoServer) -> None:
    with desk(browser, demo_server.url, sign_in=False) as page:
        page.goto(demo_server.url + "/teacher")
        screenshot(page, "teacher-signin")
        page.get_by_label("Gebruikersnaam").fill("juf")
        page.get_by_label("Wachtwoord").fill("verkeerd")
        with page.expect_response("**/teacher/sign-in") as answer:
            page.get_by_role("button", name="Aanmelden").click()
        assert answer.value.status == 401
        expect(flash(page)).to_have_text("Gebruikersnaam en wachtwoord horen niet bij elkaar.")
        expect(page.get_by_label("Gebruikersnaam")).to_have_value("juf")
        screenshot(page, "teacher-signin-wrong")
        page.get_by_label("Wachtwoord").fill("speel-eerlijk-demo")
        page.get_by_role("button", name="Aanmelden").click()
        expect(page).to_have_url(demo_server.url + "/teacher/weeks")
        expect(page.get_by_role("heading", name="Weekoverzicht", level=1)).to_be_visible()


def test_teacher_imports_a_class_list_with_one_bad_row(
    browser: Browser, demo_server: DemoServer
) -> None:
    with desk(browser, demo_server.url) as page:
        page.goto(demo_server.url + "/teacher/roster")
        page.get_by_role("link", name="Klassenlijst importeren").click()
        screenshot(page, "teacher-import")
        page.get_by_label("CSV-bestand").set_input_files(str(DATA / "roster-one-bad-row.csv"))
        page.get_by_role("button", name="Bekijk wat er verandert").click()
        problems = page.locator("#problems tbody tr")
        expect(problems).to_have_count(1)
        expect(problems.first).to_contain_text("3")
        expect(problems.first).to_contain_text("geen roepnaam")
        expect(page.locator("#adds tbody tr")).to_have_count(2)
        expect(page.locator("#adds")).to_contain_text("Fatima E.")
        expect(page.locator("#moves")).to_contain_text("Groep 5 → Groep 6")
        expect(page.get_by_text("100301")).to_have_count(0)  # the student number stays out
        screenshot(page, "teacher-import-preview")
        page.get_by_role("button", name="Importeren: 2 toevoegen, 1 verplaatsen").click()
        expect(flash(page)).to_have_text(
            "Import klaar: toegevoegd 2, verplaatst 1, overgeslagen 1."
        )
        expect(page.get_by_role("cell", name="Thijs L.", exact=True)).to_be_visible()
        row = page.locator("tr", has=page.get_by_role("cell", name="Daniël B.", exact=True))
        expect(row).to_contain_text("Groep 6")
        screenshot(page, "teacher-roster")


def test_teacher_creates_a_board_and_a_kiosk_link(
    browser: Browser, demo_server: DemoServer
) -> None:
    with desk(browser, demo_server.url) as page:
        page.goto(demo_server.url + "/teacher/boards")
        form = page.locator("form[action='/teacher/boards']")
        form.get_by_label("Titel").fill("Bovenbouw")
        form.get_by_label("Korte naam in het adres").fill("bovenbouw")
        form.get_by_label("Groep 6").check()
        form.get_by_label("Namen op het scherm").select_option("first_name_initial")
        screenshot(page, "teacher-boards")
        form.get_by_role("button", name="Bord maken").click()
        expect(page).to_have_url(demo_server.url + "/teacher/boards/bovenbouw")
        expect(flash(page)).to_have_text("Het bord ‘Bovenbouw’ is gemaakt.")
        page.get_by_label("Omschrijving").fill("scherm bij de gymzaal")
        page.get_by_role("button", name="Nieuwe kiosklink").click()
        qr = page.locator("figure.qr svg")
        expect(qr).to_be_visible()
        box = qr.bounding_box()
        assert box is not None
        assert box["width"] > 150  # big enough to scan from the wall
        url = page.locator("#kiosk-url").input_value()
        assert url.startswith(demo_server.url + "/kiosk/bovenbouw?token=")
        screenshot(page, "teacher-kiosk-link")
        kiosk = page.context.new_page()
        kiosk.goto(url)
        expect(kiosk.locator("body")).not_to_contain_text("Dit scherm kan het bord niet openen")
        kiosk.close()
        page.get_by_role("link", name="Terug naar het bord").click()
        expect(page.locator("#kiosk-links tbody tr")).to_have_count(1)
        expect(page.locator("#kiosk-links")).not_to_contain_text(url.split("token=")[1])
        screenshot(page, "teacher-board")
        page.once("dialog", lambda dialog: dialog.accept())
        page.get_by_role("button", name="Intrekken").click()
        expect(flash(page)).to_have_text("De kiosklink is ingetrokken.")


def test_teacher_draws_last_weeks_winner_and_gives_the_reward(
    browser: Browser, demo_server: DemoServer
) -> None:
    week = _last_week()
    with desk(browser, demo_server.url) as page:
        page.goto(demo_server.url + f"/teacher/weeks?board=schoolplein&week={week}")
        expect(page.locator("#week-heading")).to_contain_text(f"Week {int(week[-2:])}")
        expect(page.locator("#standings tbody tr")).to_have_count(16)
        screenshot(page, "teacher-week-before-draw")
        page.get_by_role("link", name="Winnaar trekken").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Winnaar trekken voor Schoolplein"
        )
        expect(page.locator("#week-not-over")).to_have_count(0)  # last week is over
        screenshot(page, "teacher-draw-confirm-nl")
        page.get_by_role("button", name="Trekken en nu op de muur laten zien").click()
        expect(flash(page)).to_have_text("De winnaar is getrokken.")
        winner = page.locator("#winner-name")
        expect(winner).to_contain_text("🏆")
        name = winner.inner_text().replace("🏆", "").strip()
        expect(page.locator("tr.winner-row")).to_contain_text(name)
        page.get_by_label("Beloning", exact=True).fill("Mag het spel kiezen")
        page.get_by_role("button", name="Beloning opslaan").click()
        expect(flash(page)).to_have_text("De beloning is opgeslagen.")
        page.get_by_role("button", name="Beloning gegeven").click()
        expect(flash(page)).to_have_text("De beloning staat op gegeven.")
        expect(page.locator("#reward-status")).to_contain_text("Beloning gegeven (")
        certificate = page.get_by_role("link", name="Oorkonde afdrukken")
        assert "/certificate" in (certificate.get_attribute("href") or "")
        screenshot(page, "teacher-week-drawn")


def test_drawing_mid_week_says_the_week_is_not_over(
    browser: Browser, demo_server: DemoServer
) -> None:
    with desk(browser, demo_server.url) as page:
        page.goto(demo_server.url + "/teacher/weeks?board=schoolplein&lang=en")
        page.get_by_role("link", name="Draw the winner").click()
        expect(page.locator("#week-not-over")).to_contain_text("This week is not over yet.")
        expect(page.get_by_role("button", name="Draw and show it on the wall now")).to_be_visible()
        screenshot(page, "teacher-draw-confirm-midweek-en")
        page.get_by_role("link", name="Don't draw, back to the week").click()
        expect(page.locator("#draw-start")).to_be_visible()  # nothing was drawn


def test_teacher_downloads_the_exports(browser: Browser, demo_server: DemoServer) -> None:
    with desk(browser, demo_server.url) as page:
        page.goto(demo_server.url + "/teacher/weeks?board=schoolplein")
        name, body = _downloaded(page, "#export-csv")
        assert name.endswith(".csv")
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
        assert rows[0][:3] == ["Week", "Bord", "Kind"]
        assert len(rows) > 5  # the demo's earlier winners
        assert {row[1] for row in rows[1:]} == {"Schoolplein"}
        name, body = _downloaded(page, "#export-xlsx")
        assert name.endswith(".xlsx")
        sheet = load_workbook(io.BytesIO(body)).active
        assert sheet is not None
        assert sheet.max_row == len(rows)
        page.goto(demo_server.url + "/teacher/year-end")
        _name, body = _downloaded(page, "#archive")
        archive = load_workbook(io.BytesIO(body))
        assert archive.sheetnames == ["Munten", "Winnaars"]
        assert archive["Munten"].max_row > 500
        page.goto(demo_server.url + "/teacher/audit")
        _name, body = _downloaded(page, "#audit-csv")
        assert body.decode("utf-8-sig").startswith("Wanneer;Wie (code);Wie;Actie (code);")


def test_form_without_its_token_is_refused(browser: Browser, demo_server: DemoServer) -> None:
    with desk(browser, demo_server.url) as page:
        page.goto(demo_server.url + "/teacher/roster")
        form = page.locator("form[action='/teacher/groups']")
        form.get_by_label("Naam van de groep").fill("Groep 8")
        form.locator("input[name='csrf_token']").evaluate("input => input.remove()")
        with page.expect_response("**/teacher/groups") as answer:
            form.get_by_role("button", name="Groep toevoegen").click()
        assert answer.value.status == 403
        expect(page.get_by_role("heading", name="Formulier geweigerd")).to_be_visible()
        screenshot(page, "teacher-csrf-refused")
        page.goto(demo_server.url + "/teacher/roster")
        expect(page.locator(".group-list")).not_to_contain_text("Groep 8")
