// The filing season in PostgreSQL: the setting in force (the newest row), its history, setting a new one (with an
// audit row), and the employers a concentrated-period reminder would address.
import { inTransaction, type Db } from '../platform/db.ts';
import { audit } from '../platform/http/audit.ts';
import type { Identity } from '../platform/http/identity.ts';
import { seasonIssues, type FilingSeason } from './filing-season.ts';

export interface SeasonSetting {
  /** Grows with every change: the highest is in force. */
  version: number;
  season: FilingSeason;
  setBy: string;
  setAt: string;
  note: string | null;
}

interface SettingRow {
  id: string;
  certification_start: string;
  certification_end: string;
  concentrated_start: string;
  concentrated_end: string;
  set_by: string;
  set_at: Date;
  note: string | null;
}

const columns = 'id, certification_start, certification_end, concentrated_start, concentrated_end, set_by, set_at, note';

function fromRow(row: SettingRow): SeasonSetting {
  return {
    version: Number(row.id),
    season: {
      certification: { start: row.certification_start, end: row.certification_end },
      concentrated: { start: row.concentrated_start, end: row.concentrated_end },
    },
    setBy: row.set_by,
    setAt: row.set_at.toISOString(),
    note: row.note,
  };
}

/** The setting in force, read fresh each time: another process may have just changed it, and the table is tiny. */
export async function currentSeason(db: Db): Promise<SeasonSetting> {
  const result = await db.query<SettingRow>(`select ${columns} from filing_season_settings order by id desc limit 1`);
  const row = result.rows[0];
  // Migration 004 seeds a row; none means someone emptied the table, and no date may be guessed in code.
  if (!row) throw new Error('filing_season_settings is empty: no filing season is configured (migration 004 seeds one)');
  return fromRow(row);
}

/** Every setting there has been, newest first. */
export async function seasonHistory(db: Db): Promise<SeasonSetting[]> {
  const result = await db.query<SettingRow>(`select ${columns} from filing_season_settings order by id desc`);
  return result.rows.map(fromRow);
}

/** Puts a new season in force. The caller has checked it; an unsound one here is a programming error. */
export async function setSeason(db: Db, season: FilingSeason, who: Identity, note: string): Promise<SeasonSetting> {
  const issues = seasonIssues(season);
  if (issues.length > 0) throw new Error(`setSeason: ${issues.map((i) => `${i.path} ${i.code}`).join('; ')}`);
  return inTransaction(db, async (tx) => {
    const inserted = await tx.query<SettingRow>(
      `insert into filing_season_settings (certification_start, certification_end, concentrated_start, concentrated_end, set_by, note)
       values ($1, $2, $3, $4, $5, $6) returning ${columns}`,
      [season.certification.start, season.certification.end, season.concentrated.start, season.concentrated.end, who.sub, note],
    );
    const setting = fromRow(inserted.rows[0] as SettingRow);
    await audit(tx, who, 'filing_season.set', { type: 'filing_season', id: String(setting.version) }, { season, note });
    return setting;
  });
}

export interface EmployerToRemind {
  uscc: string;
  name: string;
  regionCode: string;
}

/**
 * Employers who filed in the previous certification year but not yet in this one: in certification year C the
 * filings review C−1, last year's reviewed C−2. Any filing last year makes a unit one that files; this year a
 * returned one (incomplete, sent back) does not count as filed, since the unit still has to file.
 */
export async function employersToRemind(db: Db, certificationYear: number): Promise<EmployerToRemind[]> {
  const result = await db.query<{ uscc: string; name: string; region_code: string }>(
    `select e.uscc, e.name, e.region_code
       from employers e
      where exists (select 1 from filings f where f.employer_uscc = e.uscc and f.year = $1)
        and not exists (select 1 from filings f where f.employer_uscc = e.uscc and f.year = $2 and f.status <> 'returned')
      order by e.region_code, e.uscc`,
    [certificationYear - 2, certificationYear - 1],
  );
  return result.rows.map((r) => ({ uscc: r.uscc, name: r.name, regionCode: r.region_code }));
}
