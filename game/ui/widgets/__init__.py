"""Drawing pieces the screens share: text, icons, charts and the numeric stepper."""
