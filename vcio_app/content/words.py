"""Plain words first: the short explanations a page gives a term where it first shows it."""

from __future__ import annotations

import vcio_model as vm

# Each option's leadership and support, in the words of someone who does not work in IT. An
# option the model adds later without an entry here is named as the model names it.
OPTION_WORDS = {
    "break_fix": "**break-fix** (a technician paid by the hour when something breaks)",
    "managed": "**managed services** (an MSP, a managed service provider, runs your IT for a "
    "monthly fee per user)",
    "managed_vcio": "a **vCIO** (a part-time IT leader rented by the hour) with managed services",
    "it_manager_managed": "an **IT manager** on staff with a **co-managed** MSP (the MSP does the "
    "technical work, your manager leads)",
    "cio_managed": "a full-time **CIO** (chief information officer)",
    "cio_inhouse": "a full-time **CIO** (chief information officer)",
}


def options_sentence(c: vm.Comparison) -> str:
    """One sentence naming every option the model compares, each explained in a parenthesis
    (an explanation shared by two options, such as the CIO's, is given once)."""
    parts: list[str] = []
    for o in c.options:
        text = OPTION_WORDS.get(o.id, vm.in_sentence(o.name))
        if text not in parts:
            parts.append(text)
    listed = ", ".join(parts[:-1]) + f" or {parts[-1]}" if len(parts) > 1 else parts[0]
    return (
        f"What running IT costs you, over the years and in today's money (a dollar paid later "
        f"counts for less), with {listed}."
    )


WHERE_INPUTS = (
    "Change the inputs in the sidebar: on the left on a computer, behind the » button at the top "
    "left on a phone. Every figure updates."
)


def rate(x: float) -> str:
    """A yearly rate as a person says it: 8%, 7.5%, 0% (not 8.0%)."""
    return f"{round(x * 100, 2):g}%"
