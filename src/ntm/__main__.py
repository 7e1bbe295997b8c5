from ntm.cli import main

raise SystemExit(main())
