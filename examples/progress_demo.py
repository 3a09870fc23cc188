"""Which activities are late, and how far along is each objective, as of a date?

Uses only the FICTIONAL demo plan and status log of ``antitrafficking_plan.demo``: the
library ships no status data about the real plan, and none may be invented. Bring your
own status file (``read_status_log(path, plan)``), or send out a status template.
"""

from antitrafficking_plan.demo import DEMO_NOTICE, demo_plan, demo_status_log
from antitrafficking_plan.progress import changes, late, progress

plan, log = demo_plan(), demo_status_log()  # FICTIONAL demo data
print(DEMO_NOTICE)
print(plan.title)
print(repr(log))
print()
print(progress(log, plan, as_of="2021-01-01"))  # dates: a datetime.date or an ISO string
print()
print(progress(log, plan, as_of="2021-01-01", by="institution"))
print()
report = late(log, plan, as_of="2021-01-01")
print(report)
print()
print(changes(log, plan, start="2020-06-30", end="2020-12-31"))
