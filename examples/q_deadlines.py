"""What falls due in 2016 or between two dates, what is overdue, what is ongoing?"""

from datetime import date

import antitrafficking_plan as atp

acts = atp.load_plan().activities
print("due in 2016:", ", ".join(acts.due_in(2016).codes))
print(
    "due 1 Oct 2015 - 30 June 2016:",
    ", ".join(acts.due_between(date(2015, 10, 1), date(2016, 6, 30)).codes),
)
print("overdue on 1 July 2017:", len(acts.overdue(date(2017, 7, 1))))
print("ongoing:", len(acts.ongoing()))
print("no real deadline (none, or no due date):", len(acts.without_due_date()))
print("no deadline at all:", ", ".join(acts.without_deadline().codes))
