import GRDB

/// The schema of the history store, versioned by GRDB's `DatabaseMigrator`.
///
/// ## Tables (version 1)
///
/// - `import_file`: one row per stored file, i.e. per revision of a week. A week has
///   revisions 1, 2, …; exactly one of them is active (`active = 1`), the others point to
///   the revision that replaced them (`superseded_by`). `content_digest` (SHA-256 of the
///   raw bytes) makes re-importing the same file a no-op.
/// - `report`: one row per cooperative per stored file, every column of the snapshot
///   (spec version 1) as given. Its key `(import_id, kode)` clusters a week's rows
///   together (a `WITHOUT ROWID` table), so a week's active rows are one index lookup in
///   `import_file` (`report_date` → active id) and one range scan: the same work as an
///   index on `(report_date, kode)` of active rows. There is deliberately no index on
///   `kode` alone: a week's rows are then appended at the end of the table, so importing
///   a week writes (and journals) only new pages, whatever the size of the history; a
///   cooperative's history is one key lookup per stored file (a few hundred at most).
///   `line` is the physical line of the row in its file, for warnings.
/// - `warning`: the warnings of a stored file, in the order found: `origin` is `file`
///   for those found in the file alone and `history` for those found against the
///   previous weeks (`SnapshotValidator.crossWeekWarnings`).
/// - `cooperative`: every cooperative seen, with its names as last reported, the date of
///   the report those names come from (`names_from`) and its first report date. A row is
///   written only when something changes, so a week of unchanged names costs no write.
/// - `active_report` (a view): the active rows with their report date, for people who
///   open the store with another SQLite tool.
///
/// ## Version 2
///
/// - `unit_name`: the name of each regency (`kabupaten`) and district (`kecamatan`) of a
///   stored file, as `AdminNames` learns it from the file's reports in code order: the
///   non-empty name given by the cooperative with the highest code in the unit. The last
///   active file on or before a week that names a unit gives its name that week, so a
///   status needs neither the whole history nor its free text. Written with each file;
///   the migration fills it from the stored reports. Derived data only: a v1 store opened
///   read-only is still read, from its reports.
///
/// ## Version 3
///
/// - `register_revision`: one row per register of cooperatives given (`kendali ingest
///   --registry`), numbered 1, 2, …; the highest revision is the register in use, the
///   older ones are kept. `content_digest` (SHA-256 of the file's bytes) makes giving the
///   same register again a no-op.
/// - `register_entry`: the cooperatives of each revision (`kode`, `nama`, `desa`,
///   `kecamatan`, `kabupaten`), clustered by revision. A store without a register simply
///   has no rows; a v2 store opened read-only is read as one without a register.
///
/// The `report` table has no `CHECK` constraints: every row comes from a validated file,
/// the checks cost a third of an import's time, and rows read back are validated again
/// (codes, stages, land statuses).
///
/// Dates are `YYYY-MM-DD` text (readable, and ordered as text); cooperative codes are
/// integers; 0/1 fields are integers; `progres_fisik` is a `REAL`, which holds a Swift
/// `Double` exactly, so CSV → store → CSV loses nothing.
enum StoreSchema {
    /// The identifiers of every migration this version knows, oldest first.
    static var migrationIdentifiers: [String] { migrator.migrations }

    /// The migrator holding every schema version.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration(unitNamesVersion, foreignKeyChecks: .immediate) { db in
            try db.execute(sql: v2)
        }
        migrator.registerMigration(registerVersion, foreignKeyChecks: .immediate) { db in
            try db.execute(sql: v3)
        }
        return migrator
    }

    /// The migration adding `unit_name`.
    static let unitNamesVersion = "v2"

    /// The migration adding the register of cooperatives.
    static let registerVersion = "v3"

    /// The migrations a store opened read-only may lack: those that only add data derived
    /// from the reports, and the register (a store without one has none to read).
    static let derivedDataVersions: Set<String> = [unitNamesVersion, registerVersion]

    private static let v3 = """
        CREATE TABLE register_revision (
            id INTEGER PRIMARY KEY,
            revision INTEGER NOT NULL UNIQUE CHECK (revision >= 1),
            file_name TEXT NOT NULL,
            content_digest TEXT NOT NULL,
            entry_count INTEGER NOT NULL CHECK (entry_count >= 0),
            imported_at TEXT NOT NULL
        );

        CREATE TABLE register_entry (
            revision_id INTEGER NOT NULL REFERENCES register_revision(id),
            kode INTEGER NOT NULL,
            nama TEXT,
            desa TEXT NOT NULL,
            kecamatan TEXT NOT NULL,
            kabupaten TEXT NOT NULL,
            PRIMARY KEY (revision_id, kode)
        ) WITHOUT ROWID;
        """

    /// The levels whose names `unit_name` keeps, with the column naming them.
    static let namedLevels: [(level: AdminLevel, column: String)] = [
        (.regency, "kabupaten"), (.district, "kecamatan"),
    ]

    private static var v2: String {
        var sql = """
            CREATE TABLE unit_name (
                import_id INTEGER NOT NULL REFERENCES import_file(id),
                level TEXT NOT NULL CHECK (level IN ('regency', 'district')),
                code INTEGER NOT NULL,
                name TEXT NOT NULL,
                PRIMARY KEY (import_id, level, code)
            ) WITHOUT ROWID;

            """
        // SQLite takes a bare column of an aggregate query with max() from the row holding
        // the maximum: the name of the highest code in each unit.
        for (level, column) in namedLevels {
            sql += """
                INSERT INTO unit_name (import_id, level, code, name)
                SELECT import_id, '\(level.rawValue)', unit, name FROM (
                    SELECT import_id, kode / \(level.divisor) AS unit, \(column) AS name, max(kode)
                    FROM report WHERE \(column) <> ''
                    GROUP BY import_id, kode / \(level.divisor));

                """
        }
        return sql
    }

    private static let v1 = """
        CREATE TABLE import_file (
            id INTEGER PRIMARY KEY,
            report_date TEXT NOT NULL CHECK (length(report_date) = 10),
            revision INTEGER NOT NULL CHECK (revision >= 1),
            file_name TEXT NOT NULL,
            content_digest TEXT NOT NULL,
            byte_count INTEGER NOT NULL CHECK (byte_count >= 0),
            row_count INTEGER NOT NULL CHECK (row_count >= 0),
            imported_at TEXT NOT NULL,
            active INTEGER NOT NULL CHECK (active IN (0, 1)),
            superseded_by INTEGER REFERENCES import_file(id),
            UNIQUE (report_date, revision)
        );
        CREATE UNIQUE INDEX import_file_active_week ON import_file(report_date) WHERE active = 1;
        CREATE INDEX import_file_digest ON import_file(content_digest);

        CREATE TABLE report (
            import_id INTEGER NOT NULL REFERENCES import_file(id),
            kode INTEGER NOT NULL,
            nama TEXT,
            desa TEXT,
            kecamatan TEXT,
            kabupaten TEXT,
            tahap TEXT NOT NULL,
            badan_hukum INTEGER NOT NULL,
            pengurus_lengkap INTEGER NOT NULL,
            jumlah_anggota INTEGER NOT NULL,
            rapat_anggota INTEGER NOT NULL,
            nib INTEGER NOT NULL,
            npwp INTEGER NOT NULL,
            rekening_bank INTEGER NOT NULL,
            laporan_tepat_waktu INTEGER NOT NULL,
            status_lahan TEXT NOT NULL,
            progres_fisik REAL,
            unit_usaha_aktif INTEGER NOT NULL,
            omzet_bulanan INTEGER,
            anggota_aktif INTEGER,
            kendala_lahan INTEGER NOT NULL,
            kendala_cuaca INTEGER NOT NULL,
            kendala_tenaga_kerja INTEGER NOT NULL,
            kendala_teknis INTEGER NOT NULL,
            catatan TEXT,
            line INTEGER,
            PRIMARY KEY (import_id, kode)
        ) WITHOUT ROWID;

        CREATE TABLE warning (
            id INTEGER PRIMARY KEY,
            import_id INTEGER NOT NULL REFERENCES import_file(id),
            origin TEXT NOT NULL CHECK (origin IN ('file', 'history')),
            severity TEXT NOT NULL,
            kind TEXT NOT NULL,
            file TEXT NOT NULL,
            line INTEGER,
            column_name TEXT,
            value TEXT,
            expected TEXT NOT NULL
        );
        CREATE INDEX warning_import ON warning(import_id);

        CREATE TABLE cooperative (
            kode INTEGER PRIMARY KEY,
            nama TEXT,
            desa TEXT,
            kecamatan TEXT,
            kabupaten TEXT,
            first_seen TEXT NOT NULL,
            names_from TEXT NOT NULL
        );

        CREATE VIEW active_report AS
            SELECT f.report_date AS report_date, r.*
            FROM report r JOIN import_file f ON f.id = r.import_id
            WHERE f.active = 1;
        """
}
