from gametheory.cli import main

main()
