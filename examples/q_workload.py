"""Which institutions carry the most load (institution x objective)?"""

import antitrafficking_plan as atp

table = atp.load_plan().workload()
for row in table.rows[:10]:
    led, supported = row.total_leading, row.total_supporting
    print(f"{row.institution.code:<14} leads {led:3d}  supports {supported:3d}")
print()
print(table)
