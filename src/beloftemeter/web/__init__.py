"""The web app: browse the agreement, search decisions, ask questions with cited answers."""
