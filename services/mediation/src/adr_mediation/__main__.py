from adr_mediation.main import main

main()
