"""How many activities are running in each year and quarter of the plan period?"""

import antitrafficking_plan as atp

plan = atp.load_plan()
print(plan.timeline())
print()
for period in plan.timeline("quarter").periods[:8]:
    print(f"{period.label}: {period.count}")
