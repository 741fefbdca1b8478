"""The demo guides, written for Ordna from the contractor, installer and customer-service seed documents."""

import datetime


def _p(*paragraphs: str) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def step(heading: str, *paragraphs: str) -> dict:
    return {"type": "step", "value": {"heading": heading, "text": _p(*paragraphs), "image": None, "image_caption": ""}}


def callout(kind: str, *paragraphs: str) -> dict:
    return {"type": "callout", "value": {"kind": kind, "text": _p(*paragraphs)}}


def table(heading: str, first_column: str, rows: list[tuple[str, str]]) -> dict:
    value = {"heading": heading, "first_column": first_column, "rows": [{"term": t, "meaning": m} for t, m in rows]}
    return {"type": "status_table", "value": value}


def questions(items: list[tuple[str, str]], heading: str = "Frågor och svar") -> dict:
    value = {"heading": heading, "items": [{"question": q, "answer": _p(a)} for q, a in items]}
    return {"type": "questions", "value": value}


def text(html: str) -> dict:
    return {"type": "text", "value": html}


WORK_ORDER = {
    "slug": "hantera-en-arbetsorder",
    "title": "Hantera en arbetsorder som entreprenör",
    "intro": "Så tar du emot, utför och klarmarkerar en arbetsorder i arbetsorderportalen – och vad statusarna "
    "och ordertyperna betyder.",
    "audience": "contractors",
    "processes": ["2.9.1", "2.5.3"],
    "review_age_days": 0,
    "body": [
        callout(
            "note",
            "Ange alltid arbetsordernumret på fakturan som AO direkt följt av siffrorna: <b>AO1234</b>. "
            "Skrivningar som AO 1234 eller AO-1234 går inte att matcha mot ordern.",
        ),
        step(
            "Logga in",
            "Logga in i portalen med de uppgifter du har fått från beställaren. Första gången ser du över era "
            "kontaktuppgifter under fliken Kontaktuppgifter och byter till ett eget lösenord.",
        ),
        step(
            "Hitta arbetsordern",
            "Öppna fliken Huvudsida. Där står hur många arbetsordrar ni har per status och typ; klicka på en siffra "
            "för att se just de ordrarna. Flera ordrar för samma objekt kan ligga samlade i en bunt.",
        ),
        step(
            "Läs översikten",
            "Översikten visar det du behöver för uppdraget. Under Avser står vad som är beställt. Ska du kontakta "
            "hyresgästen använder du telefonnumret som är markerat med en stjärna. Står det Hyresgäst via webb som "
            "beställare kommer beställningen direkt från hyresgästen.",
        ),
        step(
            "Acceptera innan du börjar",
            "Klicka på Acceptera innan du påbörjar arbetet. Eventuella bilder som hör till ordern visas först när "
            "den är accepterad.",
        ),
        step(
            "Notera hur det går",
            "Skriv en notering när något händer, till exempel att tid är bokad eller att material är beställt. "
            "Har du en fråga till beställaren väljer du Beställningsfråga; svaret kommer under Noteringar längst "
            "ner på sidan, där alla händelser på ordern också visas.",
        ),
        step(
            "Klarmarkera",
            "När jobbet är gjort beskriver du vad du har gjort under Utförd åtgärd. Gäller ordern en enhet, till "
            "exempel en vitvara, anger du modell och serienummer för den nya enheten. Klicka sedan på Utförd.",
        ),
        callout(
            "warning",
            "När du klickar på Utförd får hyresgästen ett sms om att arbetet är klart. Klarmarkera aldrig en order "
            "som inte blev utförd: vid bomkörning eller om hyresgästen avbokar kontaktar du beställaren, som "
            "makulerar ordern.",
        ),
        table(
            "Vad statusarna betyder",
            "Status",
            [
                ("Beställd", "Ordern är skickad till er och väntar på att ni accepterar den."),
                ("Accepterad", "Ni har accepterat ordern och ska utföra den."),
                ("Utförd", "Ordern är klarmarkerad. Den syns i listan i 30 dagar efter att den utfördes."),
                ("Fakturerad", "Används inte av er; sätts internt hos beställaren."),
                ("Makulerad", "Ordern är makulerad. Det kan bara beställaren göra."),
            ],
        ),
        table(
            "Typer av arbetsorder",
            "Typ",
            [
                ("Fel", "En felanmälan."),
                ("HLU", "En beställning från en HLU-handläggare."),
                ("UH Oplanerat", "Oplanerat underhåll."),
                ("Tillval", "Ett tillval som hyresgästen har beställt."),
                ("Underhåll", "En planerad underhållsbeställning."),
            ],
        ),
        questions(
            [
                (
                    "Kan jag få en lista över alla våra arbetsordrar?",
                    "Ja. På Huvudsida finns en rapport som du kan begränsa till en viss typ eller status och "
                    "ladda ner för att öppna i Excel.",
                ),
                (
                    "Vad betyder HLU Ny HG?",
                    "Att beställningen gäller en hyresgäst som ska flytta in. Uppgiften står i fältet Prio under "
                    "buntnumret.",
                ),
                ("Kan jag skriva ut ordern?", "Ja, som PDF. Den öppnas i webbläsaren."),
            ]
        ),
    ],
}

INSTALLER_CASE = {
    "slug": "skapa-och-folja-ett-installationsarende",
    "title": "Skapa och följa ett installationsärende",
    "intro": "För elinstallatörer: så anmäler du ett installationsärende till nätägaren i installatörsportalen "
    "och följer det tills det är färdiganmält.",
    "audience": "installers",
    "processes": ["2.9.3", "2.9.1"],
    # Shown as due for review in the demo, so the reminder in the admin has something to say.
    "review_age_days": 400,
    "body": [
        step(
            "Logga in",
            "Logga in med din e-postadress som användarnamn. Du behöver ett konto och ett team för att kunna "
            "anmäla ärenden. Har du glömt lösenordet väljer du Glömt lösenord och får ett mejl med en länk.",
        ),
        step(
            "Skapa ärendet",
            "Sök fram adressen på kartan och dra kartnålen till rätt plats, eller välj Skapa och sedan ärendetyp i "
            "listan. Fyll i uppgifterna om anläggningen.",
        ),
        step(
            "Skicka eller spara",
            "Skicka ärendet direkt eller spara det för att skicka senare. Sparade ärenden ligger under Utkast och "
            "raderas automatiskt efter 14 dagar; listan visar hur många dagar som är kvar.",
        ),
        step(
            "Följ ärendet",
            "Under Ärenden ser du ärendena du har skickat, med ärende-id (till exempel OK-0003826), typ, adress och "
            "status. Du kan filtrera på typ och status och söka i tabellen.",
        ),
        step("Färdiganmäl", "När arbetet är klart öppnar du ärendet och skickar in färdiganmälan."),
        callout(
            "note",
            "Frågor om ett ärende skriver du i anteckningarna på ärendet. Där förs hela dialogen mellan dig och "
            "nätägaren, och den finns kvar i ärendet.",
        ),
        table(
            "Vad statusarna betyder",
            "Status",
            [
                ("NY", "Ärendet är mottaget men ännu inte påbörjat."),
                ("PLANERING PÅGÅR", "Nätägaren planerar arbetet."),
                ("GENOMFÖRANDE PÅGÅR", "Arbetet pågår. Skicka in färdiganmälan när du är klar."),
                ("FÄRDIGANMÄLAN INKOMMEN", "Din färdiganmälan är mottagen; ärendet kan inte längre flyttas."),
            ],
        ),
        table(
            "Vanliga ärendetyper",
            "Typ",
            [
                ("Ny permanent anslutning", "Fastigheten saknar el och ska anslutas till elnätet."),
                ("Återanslutning", "Fastigheten har haft abonnemang tidigare och ska anslutas igen."),
                ("Tillfällig anslutning", "El under byggtiden eller till ett evenemang."),
                ("Säkringsändring", "Större eller mindre huvudsäkring."),
                ("1-3 Fas", "Övergång från enfas till trefas."),
                ("ABA - produktionsanläggning", "Sol, vind eller vatten på en ny eller befintlig anslutning."),
                ("Servisändring", "Servisledningen dras om inom fastigheten."),
                ("Tillfällig brytning", "Strömmen bryts i högst två timmar."),
            ],
        ),
        questions(
            [
                (
                    "Ett pågående ärende som är mer än två år gammalt syns inte längre",
                    "Sådana ärenden kan inte hanteras i portalen. Mejla den enhet som handlägger ärendet för att "
                    "fortsätta.",
                ),
                (
                    "Hur makulerar jag ett ärende?",
                    "Mejla den enhet som handlägger ärendet med ärende-id och skälet till makuleringen. "
                    "Kundservice kan inte göra det åt dig.",
                ),
            ]
        ),
    ],
}

ACCOUNTS_AND_TEAMS = {
    "slug": "kundservice-konton-och-team",
    "title": "Kundservice: installatörers konton och team",
    "intro": "Rutin för kundservice när en installatör hör av sig om konto, inloggning, team eller flytt av "
    "ärenden i installatörsportalen.",
    "audience": "staff",
    "processes": ["2.8.3", "2.8.2"],
    "review_age_days": 30,
    "body": [
        callout(
            "warning",
            "Använd aldrig delade konton och skriv aldrig ner lösenord i rutiner, ärenden eller mejl. Var och en "
            "loggar in med sitt eget konto och de behörigheter hen har fått.",
        ),
        step(
            "Skapa konto",
            "Installatören registrerar sig själv: Registrera användare, godkänn villkoren, ange en e-postadress som "
            "användarnamn och fyll i resten. Uppgifterna kontrolleras automatiskt.",
            "Installatörer från andra länder läggs upp manuellt. Be installatören mejla sitt intyg från "
            "Elsäkerhetsverket till supportadressen.",
        ),
        step(
            "Skapa ett team",
            "Den som klickar på Skapa nytt team blir teamägare. Ange organisationsnumret och hämta företagets "
            "uppgifter – företaget måste vara registrerat hos Elsäkerhetsverket – och ge teamet ett namn.",
        ),
        step(
            "Lägga till och ta bort medlemmar",
            "Bara teamägaren lägger till och tar bort medlemmar. En ny medlem bjuds in med sitt användarnamn och "
            "måste alltså ha ett konto först. En medlem som har egna ärenden kan tas bort först när ärendena är "
            "flyttade.",
        ),
        step(
            "Flytta ärenden",
            "Teamägaren flyttar ärenden mellan medlemmar i samma team. En installatör kan själv flytta sina "
            "ärenden till ett annat team med samma organisationsnummer. Bara pågående ärenden som inte är "
            "färdiganmälda kan flyttas.",
        ),
        table(
            "Vem får göra vad?",
            "Åtgärd",
            [
                ("Lägga till eller ta bort medlem", "Teamägaren."),
                ("Flytta ärende inom teamet", "Teamägaren."),
                ("Flytta ärende till annat team i samma företag", "Installatören själv."),
                (
                    "Flytta ärende till ett annat företag",
                    "En administratör, med kundens skriftliga godkännande. För en produktionsanläggning krävs en "
                    "ny fullmakt från kunden.",
                ),
                ("Makulera ärende", "Den ansvariga enheten, efter mejl från installatören med skäl."),
            ],
        ),
        questions(
            [
                ("Kan en medlem lämna ett team själv?", "Nej, bara teamägaren kan ta bort medlemmar."),
                (
                    "Kan teamägaren bytas?",
                    "Nej. Den nya ägaren skapar ett nytt team och bjuder in medlemmarna, som sedan flyttar sina "
                    "ärenden dit (inom samma företag).",
                ),
                (
                    "Installatören är inbjuden men ser inte teamet",
                    "Be installatören ladda om sidan eller logga ut och in igen.",
                ),
                (
                    "Det går inte att bjuda in en installatör",
                    "Kontrollera att installatören har ett användarnamn under Mina uppgifter. Annars behöver hen "
                    "skapa ett konto först.",
                ),
            ]
        ),
    ],
}

TEAM_DECISIONS = {
    "slug": "diariefora-beslut-om-team",
    "title": "Diarieföra beslut om installatörsteam",
    "intro": "För registratorer: så registrerar du beslut om installatörers team och ärenden, så att de går att "
    "hitta, lämna ut och gallra rätt.",
    "audience": "registrars",
    "processes": ["2.8.3", "2.6.1"],
    "review_age_days": 0,
    "body": [
        text(
            "<p>Beslut om att registrera ett team, lägga till eller ta bort medlemmar, flytta ärenden och makulera "
            "ärenden ska diarieföras tillsammans med skälen och underlaget.</p>"
        ),
        step(
            "Välj process",
            "Registrera beslutet under processen för behörigheter i systemstöden. När du har valt process visar "
            "registreringsformuläret guiderna som hör till den.",
        ),
        step(
            "Beskriv beslutet",
            "Skriv vilket team och vilket beslut det gäller, till exempel Medlem borttagen ur team, och bifoga "
            "underlaget: ansökan, teamägarens begäran eller kundens godkännande.",
        ),
        step(
            "Håll personuppgifter och lösenord borta från rubriken",
            "Skriv aldrig personnummer eller inloggningsuppgifter i rubrik eller beskrivning. Behövs en identitet "
            "står den i den bifogade handlingen, som kan sekretessmarkeras.",
        ),
        callout(
            "warning",
            "Flytt av ärenden till ett annat företag kräver kundens skriftliga godkännande, och för "
            "produktionsanläggningar en ny fullmakt. Saknas underlaget registreras beslutet inte som genomfört.",
        ),
        table(
            "Beslut och underlag",
            "Beslut",
            [
                ("Team registrerat", "Ansökan med organisationsnummer och verifierad auktorisation."),
                ("Medlem tillagd", "Teamägarens inbjudan."),
                ("Medlem borttagen", "Teamägarens begäran; medlemmen får inte ha öppna ärenden."),
                ("Ärenden flyttade", "Vem som flyttade, och mellan företag kundens godkännande."),
                ("Ärende makulerat", "Installatörens mejl med skälet."),
            ],
        ),
    ],
}

GUIDES = [WORK_ORDER, INSTALLER_CASE, ACCOUNTS_AND_TEAMS, TEAM_DECISIONS]
# Related links between the demo guides, by slug.
RELATED = {
    INSTALLER_CASE["slug"]: [ACCOUNTS_AND_TEAMS["slug"]],
    ACCOUNTS_AND_TEAMS["slug"]: [INSTALLER_CASE["slug"], TEAM_DECISIONS["slug"]],
    TEAM_DECISIONS["slug"]: [ACCOUNTS_AND_TEAMS["slug"]],
}


def reviewed_on(guide: dict, today: datetime.date) -> datetime.date:
    return today - datetime.timedelta(days=guide["review_age_days"])
