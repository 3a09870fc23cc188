"""Where is the plan weak as a plan (no due date, responsible body, cost, indicator)?"""

import antitrafficking_plan as atp

report = atp.load_plan().quality_report()
print(report)
for check in report.checks:
    print(f"{check.description}: {check.share:.0%} of {check.total}")
