"""Which activities mention "shelter", "child" or "internet"?"""

import antitrafficking_plan as atp

acts = atp.load_plan().activities
for word in ("shelter", "child", "internet"):
    found = acts.search(word)  # case- and accent-insensitive, substring
    print(f"{word!r}: {len(found)} activities: {', '.join(found.codes)}")
