"""In-process patches for moto 5.2.1 gaps that would otherwise make a correct
Terraform configuration drift or fail on the emulator. Each patch names the
gap (see BRIEF.md) and changes only the emulator's behaviour to match AWS."""

PATCHES = []


def patch(fn):
    PATCHES.append(fn)
    return fn


def apply() -> None:
    for fn in PATCHES:
        fn()
