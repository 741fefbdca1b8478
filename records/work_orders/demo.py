"""Demo work orders: a few hundred, in every status, played through the services in time order (backdated)."""

import datetime

from records.register.demo_support import STREETS, demo_png
from records.work_orders import services as work_orders
from records.work_orders.models import WorkOrderStatus as WS

ORDERERS = [("demo.bestallare1", "Hanna", "Handläggarsson"), ("demo.bestallare2", "Oskar", "Ordersson")]
CONTRACTORS = [
    (
        "Demo Rör & Vitvaror AB",
        "559901",
        [("demo.entreprenor1", "Emil", "Rörsson"), ("demo.entreprenor2", "Sara", "Kranström")],
    ),
    ("Testbyggarna i Exempelstad AB", "559902", [("demo.entreprenor3", "Nils", "Snickarsson")]),
    (
        "Fiktiv Fastighetsservice AB",
        "559903",
        [("demo.entreprenor4", "Maja", "Serviceberg"), ("demo.entreprenor5", "Ali", "Demir-Test")],
    ),
]
SUBJECTS = {
    "fel": [
        "Diskmaskinen läcker vatten",
        "Kylskåpet kyler inte",
        "Droppande kran i badrummet",
        "Stopp i avloppet i köket",
        "Element blir inte varmt",
        "Trasigt lås i entrédörren",
    ],
    "hlu": ["Målning av hall och kök", "Byte av golv i sovrum", "Tapetsering av vardagsrum"],
    "uh_oplanerat": ["Vattenskada i trapphus", "Trasig ventilationsfläkt", "Läckande tak i förråd"],
    "tillval": ["Montering av diskmaskin (tillval)", "Induktionshäll (tillval)", "Extra eluttag i kök (tillval)"],
    "underhall": ["Årlig service av tvättstuga", "Byte av armaturer i trapphus", "Rensning av takbrunnar"],
}
UNITS = {
    "Diskmaskinen läcker vatten": "Diskmaskin",
    "Kylskåpet kyler inte": "Kylskåp",
    "Montering av diskmaskin (tillval)": "Diskmaskin",
    "Induktionshäll (tillval)": "Spishäll",
}
ACTIONS = [
    "Bytt packning och provkört",
    "Bytt enheten mot ny",
    "Rensat och spolat",
    "Justerat och smort",
    "Åtgärdat enligt beställning",
]


def play_work_orders(rnd, timeline, now, people, contractors):
    outcomes = [WS.ORDERED] * 14 + [WS.ACCEPTED] * 20 + [WS.COMPLETED] * 36 + [WS.INVOICED] * 20 + [WS.CANCELLED] * 10
    previous_by_object = {}
    for n in range(260):
        ordered = now - datetime.timedelta(days=rnd.uniform(0, 120), hours=rnd.uniform(0, 8))
        order_type = rnd.choices(list(SUBJECTS), weights=[40, 15, 15, 10, 20])[0]
        subject = rnd.choice(SUBJECTS[order_type])
        property_name = f"Demofastigheten {rnd.randint(1, 12)}:{rnd.randint(1, 4)}"
        apartment = str(rnd.choice([1001, 1002, 1101, 1102, 1201, 1202]))
        outcome = rnd.choice(outcomes)
        contractor = rnd.choice(contractors)
        orderer = rnd.choice(people["orderers"])
        worker = contractor.users.first()
        state = {}

        def create(
            order_type=order_type,
            subject=subject,
            property_name=property_name,
            apartment=apartment,
            contractor=contractor,
            orderer=orderer,
            state=state,
            n=n,
        ):
            key = (property_name, apartment)
            batch_with = previous_by_object.get(key) if rnd.random() < 0.5 else None
            data = work_orders.WorkOrderData(
                order_type=order_type,
                contractor=contractor,
                property_name=property_name,
                apartment=apartment,
                address=f"{rnd.choice(STREETS)} {rnd.randint(1, 60)}",
                subject=subject,
                tenant_name="Hyresgäst (fiktiv)",
                tenant_phone=f"070-000 {n // 100:02d} {n % 100:02d}",
                ordered_via_web=rnd.random() < 0.3,
                priority="HLU Ny HG" if order_type == "hlu" and rnd.random() < 0.4 else "",
                is_unit=subject in UNITS,
                unit_description=UNITS.get(subject, ""),
                batch_with=batch_with,
            )
            state["order"] = work_orders.create_work_order(
                data, user=orderer, pictures=[demo_png()] if rnd.random() < 0.3 else []
            )
            if batch_with is None or key not in previous_by_object:
                previous_by_object[key] = state["order"]

        timeline.at(ordered, create)
        step = ordered
        if outcome == WS.CANCELLED:
            step += datetime.timedelta(days=rnd.uniform(0.5, 5))
            timeline.at(
                step,
                lambda s=state, o=orderer: work_orders.cancel_work_order(
                    s["order"],
                    o,
                    rnd.choice(["Hyresgästen avbokade besöket", "Bomkörning: ingen hemma", "Dubbelbeställning"]),
                ),
            )
            continue
        if outcome == WS.ORDERED:
            continue
        step += datetime.timedelta(hours=rnd.uniform(1, 48))
        timeline.at(step, lambda s=state, w=worker: work_orders.accept_work_order(s["order"], w))
        if rnd.random() < 0.5:
            step += datetime.timedelta(hours=rnd.uniform(1, 24))
            timeline.at(
                step, lambda s=state, w=worker: work_orders.add_note(s["order"], "Tid bokad med hyresgästen.", w)
            )
        if rnd.random() < 0.2:
            step += datetime.timedelta(hours=rnd.uniform(1, 24))
            timeline.at(
                step,
                lambda s=state, w=worker: s.update(
                    q=work_orders.add_note(s["order"], "Finns nyckel att hämta på kontoret?", w, question=True)
                ),
            )
            step += datetime.timedelta(hours=rnd.uniform(1, 24))
            timeline.at(
                step, lambda s=state, o=orderer: work_orders.answer_question(s["q"], "Ja, hos fastighetsskötaren.", o)
            )
        if outcome == WS.ACCEPTED:
            continue
        step += datetime.timedelta(days=rnd.uniform(0.5, 7))
        timeline.at(
            step,
            lambda s=state, w=worker: work_orders.complete_work_order(
                s["order"],
                w,
                action_performed=rnd.choice(ACTIONS),
                unit_model=f"Modell DX-{rnd.randint(100, 999)}",
                unit_serial=f"SN{rnd.randint(10**6, 10**7)}",
            ),
        )
        if outcome == WS.INVOICED:
            step += datetime.timedelta(days=rnd.uniform(1, 10))
            timeline.at(step, lambda s=state, o=orderer: work_orders.mark_invoiced(s["order"], o))
