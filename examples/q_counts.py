"""How many activities does each institution lead and support, per objective, per
deadline year and quarter, per funding source? How much money is attached?"""

import antitrafficking_plan as atp

plan = atp.load_plan()
acts = plan.activities
print(
    "leads (top 5):",
    ", ".join(f"{i.code} {n}" for i, n in acts.count_by("responsible").most_common(5)),
)
print(
    "supports (top 5):",
    ", ".join(f"{i.code} {n}" for i, n in acts.count_by("supporting").most_common(5)),
)
print("per objective:", dict(acts.count_by("strategic_objective")))
print("per due year:", dict(acts.count_by("deadline_year")))
print("per due quarter:", {str(q): n for q, n in acts.count_by("deadline_quarter").items()})
print("per funding source:", dict(acts.count_by("funding_source")) or "none attached to activities")
print(plan.cost_summary())
