// For the upgrade tests that put a database back as an older schema left it.
// A concern's category, its chronology's actions, its evidence's types and
// an e-mail's state as IN lists, as every database before version 43 has
// them: put back by hand from a new database's comparisons.
export const IN_LISTS_42 = `
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql,
  'category = ''cyberbullying_staff'' OR category = ''cyberbullying_pupil'' OR' || char(10) ||
  '                category = ''pupil_contact'' OR category = ''parent_post'' OR ' ||
  'category = ''premises_content'' OR' || char(10) ||
  '                category = ''sexting'' OR category = ''account_comment'' OR ' ||
  'category = ''media_contact'' OR' || char(10) ||
  '                category = ''staff_conduct'' OR category = ''whistleblowing'' OR ' ||
  'category = ''data_breach'' OR' || char(10) || '                category = ''other''',
  'category IN (''cyberbullying_staff'',''cyberbullying_pupil'',' || char(10) ||
  '                ''pupil_contact'',''parent_post'',''premises_content'',''sexting'',''account_comment'',' ||
  char(10) || '                ''media_contact'',''staff_conduct'',''whistleblowing'',''data_breach'',''other'')')
 WHERE name = 'concerns';
UPDATE sqlite_schema SET sql = replace(sql,
  'action = ''reported'' OR action = ''acknowledge'' OR action = ''note'' OR' || char(10) ||
  '                                           action = ''assign'' OR action = ''status'' OR ' ||
  'action = ''escalate'' OR action = ''close'' OR' || char(10) ||
  '                                           action = ''reopen'' OR action = ''evidence'' OR ' ||
  'action = ''threshold'' OR' || char(10) ||
  '                                           action = ''copy_given'' OR action = ''device'' OR ' ||
  'action = ''ico_decision'' OR' || char(10) || '                                           action = ''step''',
  'action IN (''reported'',''acknowledge'',''note'',''assign'',''status'',' || char(10) ||
  '                                           ''escalate'',''close'',''reopen'',''evidence'',''threshold'',' ||
  '''copy_given'',''device'',''ico_decision'',''step'')')
 WHERE name = 'concern_events';
UPDATE sqlite_schema SET sql = replace(sql,
  'type = ''image/png'' OR type = ''image/jpeg'' OR type = ''application/pdf'' OR' || char(10) ||
  '                                  type = ''text/plain''',
  'type IN (''image/png'',''image/jpeg'',''application/pdf'',''text/plain'')') WHERE name = 'evidence';
UPDATE sqlite_schema SET sql = replace(sql, 'status = ''queued'' OR status = ''sent'' OR status = ''failed''',
  'status IN (''queued'',''sent'',''failed'')') WHERE name = 'outbox';
PRAGMA writable_schema = OFF;
PRAGMA user_version = 42;`;
