from adr_intake.main import main

main()
