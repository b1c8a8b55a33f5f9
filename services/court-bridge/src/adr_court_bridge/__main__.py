from adr_court_bridge.main import main

main()
