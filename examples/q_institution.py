"""What is an institution responsible for, and what does it support?"""

import antitrafficking_plan as atp

plan = atp.load_plan()
mlsw = plan.institution("Ministry of Labour and Social Welfare")  # or "MLSW", or an alias
leads = plan.activities.involving(mlsw, role="responsible")
supports = plan.activities.involving(mlsw, role="supporting")
print(f"{mlsw.code} ({mlsw.name}) is responsible for {len(leads)} activities:")
for activity in leads:
    print(f"  {activity.code}  {activity.description}")
print(f"and supports {len(supports)}: {', '.join(supports.codes)}")
