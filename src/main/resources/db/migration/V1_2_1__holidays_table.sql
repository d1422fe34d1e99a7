-- Why: v1.2 (the office's day) counts working days: Monday to Friday, except the public holidays
-- of Suriname. The holidays are data the administrator keeps (the government announces the
-- moveable ones each year), not a list in the code. Everybody who works with dates reads them;
-- the administrator adds and removes them; a removal is a mark, never a deleted row.
CREATE TABLE holidays (
    id         uuid        NOT NULL DEFAULT gen_random_uuid(),
    day        date        NOT NULL,
    name_nl    text        NOT NULL,
    name_en    text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by uuid                 DEFAULT current_user_id(),
    removed_at timestamptz,
    removed_by uuid,
    CONSTRAINT holidays_pkey PRIMARY KEY (id),
    CONSTRAINT holidays_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id),
    CONSTRAINT holidays_removed_by_fkey FOREIGN KEY (removed_by) REFERENCES users (id),
    CONSTRAINT holidays_name_nl_length CHECK (char_length(btrim(name_nl)) BETWEEN 1 AND 100),
    CONSTRAINT holidays_name_en_length CHECK (char_length(btrim(name_en)) BETWEEN 1 AND 100),
    CONSTRAINT holidays_day_range CHECK (day BETWEEN DATE '2000-01-01' AND DATE '2200-12-31'),
    CONSTRAINT holidays_removed_complete CHECK ((removed_at IS NULL) = (removed_by IS NULL))
);
-- one holiday in force per day; a removed one may be entered again
CREATE UNIQUE INDEX holidays_day_in_force ON holidays (day) WHERE removed_at IS NULL;

-- A holiday is never edited: it is removed (once) and, if need be, entered again.
CREATE FUNCTION holidays_rules() RETURNS trigger
    LANGUAGE plpgsql SET search_path = vpflow, pg_temp
AS $$
BEGIN
    IF (NEW.id, NEW.day, NEW.name_nl, NEW.name_en, NEW.created_at, NEW.created_by)
       IS DISTINCT FROM (OLD.id, OLD.day, OLD.name_nl, OLD.name_en, OLD.created_at, OLD.created_by) THEN
        RAISE EXCEPTION 'holiday % is not edited: remove it and enter it again', OLD.id USING ERRCODE = 'VPF06';
    END IF;
    IF OLD.removed_at IS NOT NULL THEN
        RAISE EXCEPTION 'holiday % is removed already', OLD.id USING ERRCODE = 'VPF06';
    END IF;
    NEW.removed_at := now();
    NEW.removed_by := current_user_id();
    RETURN NEW;
END
$$;
CREATE TRIGGER holidays_rules BEFORE UPDATE ON holidays
    FOR EACH ROW EXECUTE FUNCTION holidays_rules();
SELECT secure_table('holidays');

GRANT SELECT ON holidays TO vpflow_user;
GRANT INSERT (day, name_nl, name_en) ON holidays TO vpflow_user;
GRANT UPDATE (removed_at) ON holidays TO vpflow_user;

CREATE POLICY holidays_read ON holidays FOR SELECT TO vpflow_user
    USING ((SELECT current_app_role()) IN ('vp', 'secretary', 'admin', 'feed'));
CREATE POLICY holidays_admin_insert ON holidays FOR INSERT TO vpflow_user
    WITH CHECK ((SELECT current_app_role()) = 'admin' AND created_by = (SELECT current_user_id())
                AND removed_at IS NULL);
CREATE POLICY holidays_admin_remove ON holidays FOR UPDATE TO vpflow_user
    USING ((SELECT current_app_role()) = 'admin' AND removed_at IS NULL)
    WITH CHECK ((SELECT current_app_role()) = 'admin');

-- Suriname's public holidays of 2026 and 2027. The moveable ones (Chinese New Year, Holi Phagwa,
-- Ied-ul-Fitr, Ied-ul-Adha, Divali) are the dates expected when this was written; the government
-- announces each, and the administrator corrects the calendar when it differs.
INSERT INTO holidays (day, name_nl, name_en, created_by) VALUES
    ('2026-01-01', 'Nieuwjaarsdag', 'New Year''s Day', NULL),
    ('2026-02-17', 'Chinees Nieuwjaar', 'Chinese New Year', NULL),
    ('2026-03-03', 'Holi Phagwa', 'Holi Phagwa', NULL),
    ('2026-03-20', 'Ied-ul-Fitr', 'Eid al-Fitr', NULL),
    ('2026-04-03', 'Goede Vrijdag', 'Good Friday', NULL),
    ('2026-04-05', 'Eerste Paasdag', 'Easter Sunday', NULL),
    ('2026-04-06', 'Tweede Paasdag', 'Easter Monday', NULL),
    ('2026-05-01', 'Dag van de Arbeid', 'Labour Day', NULL),
    ('2026-05-27', 'Ied-ul-Adha', 'Eid al-Adha', NULL),
    ('2026-07-01', 'Keti Koti (Dag der Vrijheden)', 'Keti Koti (Emancipation Day)', NULL),
    ('2026-08-09', 'Dag der Inheemsen', 'Indigenous People''s Day', NULL),
    ('2026-10-10', 'Dag der Marrons', 'Day of the Maroons', NULL),
    ('2026-11-08', 'Divali', 'Divali', NULL),
    ('2026-11-25', 'Srefidensi (Onafhankelijkheidsdag)', 'Srefidensi (Independence Day)', NULL),
    ('2026-12-25', 'Eerste Kerstdag', 'Christmas Day', NULL),
    ('2026-12-26', 'Tweede Kerstdag', 'Boxing Day', NULL),
    ('2027-01-01', 'Nieuwjaarsdag', 'New Year''s Day', NULL),
    ('2027-02-06', 'Chinees Nieuwjaar', 'Chinese New Year', NULL),
    ('2027-03-10', 'Ied-ul-Fitr', 'Eid al-Fitr', NULL),
    ('2027-03-22', 'Holi Phagwa', 'Holi Phagwa', NULL),
    ('2027-03-26', 'Goede Vrijdag', 'Good Friday', NULL),
    ('2027-03-28', 'Eerste Paasdag', 'Easter Sunday', NULL),
    ('2027-03-29', 'Tweede Paasdag', 'Easter Monday', NULL),
    ('2027-05-01', 'Dag van de Arbeid', 'Labour Day', NULL),
    ('2027-05-16', 'Ied-ul-Adha', 'Eid al-Adha', NULL),
    ('2027-07-01', 'Keti Koti (Dag der Vrijheden)', 'Keti Koti (Emancipation Day)', NULL),
    ('2027-08-09', 'Dag der Inheemsen', 'Indigenous People''s Day', NULL),
    ('2027-10-10', 'Dag der Marrons', 'Day of the Maroons', NULL),
    ('2027-10-29', 'Divali', 'Divali', NULL),
    ('2027-11-25', 'Srefidensi (Onafhankelijkheidsdag)', 'Srefidensi (Independence Day)', NULL),
    ('2027-12-25', 'Eerste Kerstdag', 'Christmas Day', NULL),
    ('2027-12-26', 'Tweede Kerstdag', 'Boxing Day', NULL);
