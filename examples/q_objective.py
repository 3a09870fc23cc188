"""What falls under objective 2, or under specific objective 2.3?"""

import antitrafficking_plan as atp

plan = atp.load_plan()
print(f"objective 2: {len(plan.activities.under('2'))} activities")
print(f"objective 2.3 ({plan.objective('2.3').title}):")
for activity in plan.activities.under("2.3"):
    print(f"  {activity.code}  {activity.description}")
