import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must never import application code (Kysely migrations guide).
//
// PostgreSQL's history starts here, at the schema the SQLite migrations had reached on this
// day (src/server/db/migrations/), table for table and column for column, so that the same
// queries run on both. Where SQLite needed a trigger, PostgreSQL says it in the table:
// vocabulary checks and the clearance's reference are constraints, and the append-only
// tables refuse updates and deletes in a trigger function. Every text column sorts by code
// point (collate "C"), as SQLite's does: keyset cursors and the order of every list are the
// same on both dialects, whatever the server's locale. Every reference is deferrable, so that
// an import can load rows in any order and have them checked at its commit.

// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema of its own day, not today's Database type.
type Db = Kysely<any>;

// A user's roles: a JSON array of the roles of this day. Text that is not JSON is refused as
// a broken check (false), not as an error of the cast.
const ROLE_LIST = `create function "isRoleList"(roles text) returns boolean
  language plpgsql immutable as $$
  begin
    return jsonb_typeof(roles::jsonb) = 'array'
      and roles::jsonb <@ '["member", "secretary", "chair", "admin"]'::jsonb;
  exception when others then return false;
  end $$`;

const TABLES = [
  `create table "sources" ("id" text collate "C" primary key, "title" text collate "C" not null, "publisher" text collate "C", "publishedOn" text collate "C", "reference" text collate "C", "disclaimer" text collate "C", "publisherAddress" text collate "C", "publisherFax" text collate "C", "publisherEmail" text collate "C", "publisherWebsite" text collate "C")`,

  `create table "parties" ("visibility" text collate "C" not null, "party" text collate "C", "id" text collate "C" primary key, "name" text collate "C" not null, "shortName" text collate "C" not null, "position" integer not null, "sourceId" text collate "C" references "sources" ("id") deferrable, "createdAt" text collate "C" not null, "updatedAt" text collate "C" not null, "label" text collate "C" default '' not null, "names" text collate "C" default '[]' not null)`,

  `create table "topics" ("visibility" text collate "C" not null check (visibility in ('public', 'joint', 'caucus')), "party" text collate "C" references "parties" ("id") deferrable, "id" text collate "C" primary key, "name" text collate "C" not null, "parentId" text collate "C" references "topics" ("id") deferrable, "description" text collate "C", "sourceId" text collate "C" references "sources" ("id") deferrable, "createdAt" text collate "C" not null, "updatedAt" text collate "C" not null, constraint "topics_caucus_has_party" check (visibility <> 'caucus' or party is not null))`,

  `create table "workProgrammes" ("visibility" text collate "C" not null check (visibility in ('public', 'joint', 'caucus')), "party" text collate "C" references "parties" ("id") deferrable, "id" text collate "C" primary key, "year" integer not null unique, "title" text collate "C" not null, "description" text collate "C", "sourceId" text collate "C" references "sources" ("id") deferrable, "createdAt" text collate "C" not null, "updatedAt" text collate "C" not null, "version" integer default 1 not null, constraint "workProgrammes_caucus_has_party" check (visibility <> 'caucus' or party is not null))`,

  `create table "workProgrammeAreas" ("visibility" text collate "C" not null check (visibility in ('public', 'joint', 'caucus')), "party" text collate "C" references "parties" ("id") deferrable, "id" text collate "C" primary key, "programmeId" text collate "C" not null references "workProgrammes" ("id") on delete cascade deferrable, "position" integer not null, "title" text collate "C" not null, "createdAt" text collate "C" not null, "updatedAt" text collate "C" not null, "sourceId" text collate "C" references "sources" ("id") deferrable, constraint "workProgrammeAreas_caucus_has_party" check (visibility <> 'caucus' or party is not null))`,

  `create table "activities" ("visibility" text collate "C" not null check (visibility in ('public', 'joint', 'caucus')), "party" text collate "C" references "parties" ("id") deferrable, "id" text collate "C" primary key, "programmeId" text collate "C" not null references "workProgrammes" ("id") on delete cascade deferrable, "areaId" text collate "C" references "workProgrammeAreas" ("id") deferrable, "title" text collate "C" not null, "topicId" text collate "C" references "topics" ("id") deferrable, "lead" text collate "C" not null check (lead in ('nato', 'russia', 'joint')), "level" text collate "C", "plannedStart" text collate "C", "plannedEnd" text collate "C", "status" text collate "C" not null check (status in ('planned', 'under-way', 'done', 'dropped')), "sourceId" text collate "C" references "sources" ("id") deferrable, "createdAt" text collate "C" not null, "updatedAt" text collate "C" not null, constraint "activities_caucus_has_party" check (visibility <> 'caucus' or party is not null), constraint "activities_level_vocabulary" check ("level" is null or "level" in ('summit', 'foreign-ministers', 'defence-ministers', 'ambassadors', 'chiefs-of-defence', 'military-representatives', 'experts')))`,

  `create table "activityProgress" ("visibility" text collate "C" not null check (visibility in ('public', 'joint', 'caucus')), "party" text collate "C" references "parties" ("id") deferrable, "id" text collate "C" primary key, "activityId" text collate "C" not null references "activities" ("id") on delete cascade deferrable, "on" text collate "C" not null, "text" text collate "C" not null, "userId" text collate "C", "createdAt" text collate "C" not null, constraint "activityProgress_caucus_has_party" check (visibility <> 'caucus' or party is not null))`,

  `create table "classifications" ("id" text collate "C" primary key, "name" text collate "C" not null, "rank" integer not null, "description" text collate "C")`,

  `create table "texts" ("visibility" text collate "C" not null check (visibility in ('public', 'joint', 'caucus')), "party" text collate "C" references "parties" ("id") deferrable, "id" text collate "C" primary key, "kind" text collate "C" not null check (kind in ('joint-statement', 'communique', 'press-statement', 'chair-statement', 'summary-record', 'work-programme', 'exchange-of-letters', 'decision-sheet')), "title" text collate "C" not null, "refKind" text collate "C" check ("refKind" in ('meeting', 'decision')), "refId" text collate "C", "classification" text collate "C" not null references "classifications" ("id") deferrable, "releasableTo" text collate "C", "originalLanguage" text collate "C" not null, "languages" text collate "C" not null, "state" text collate "C" not null check (state in ('draft', 'tabled', 'ad-ref', 'under-silence', 'adopted', 'published', 'withdrawn')), "version" integer not null, "plain" text collate "C" default '' not null, "number" text collate "C", "chairParty" text collate "C" references "parties" ("id") deferrable, "tabledAs" text collate "C", "silenceDeadline" text collate "C", "silenceTimeZone" text collate "C", "silenceStartedBy" text collate "C", "adoptedAt" text collate "C", "publishedAt" text collate "C", "sourceId" text collate "C" references "sources" ("id") deferrable, "reconstructed" integer default 0 not null, "createdAt" text collate "C" not null, "updatedAt" text collate "C" not null, constraint "texts_caucus_has_party" check (visibility <> 'caucus' or party is not null))`,

  `create table "adoptionRecords" ("visibility" text collate "C" not null check (visibility in ('public', 'joint', 'caucus')), "party" text collate "C" references "parties" ("id") deferrable, "textId" text collate "C" primary key references "texts" ("id") deferrable, "canonical" text collate "C" not null, "sha256" text collate "C" not null, "at" text collate "C" not null, constraint "adoptionRecords_caucus_has_party" check (visibility <> 'caucus' or party is not null))`,

  `create table "meetings" ("visibility" text collate "C" not null check (visibility in ('public', 'joint', 'caucus')), "party" text collate "C" references "parties" ("id") deferrable, "id" text collate "C" primary key, "title" text collate "C" not null, "level" text collate "C", "format" text collate "C" not null check (format in ('joint', 'caucus')), "startsAt" text collate "C", "endsAt" text collate "C", "date" text collate "C" not null, "venue" text collate "C", "status" text collate "C" not null check (status in ('planned', 'held', 'cancelled')), "summary" text collate "C", "agendaVersion" integer default 0 not null, "seriesId" text collate "C", "sourceId" text collate "C" references "sources" ("id") deferrable, "createdAt" text collate "C" not null, "updatedAt" text collate "C" not null, "timeZone" text collate "C" default 'UTC' not null, "sequence" integer default 0 not null, constraint "meetings_caucus_has_party" check (visibility <> 'caucus' or party is not null), constraint "meetings_level_vocabulary" check ("level" is null or "level" in ('summit', 'foreign-ministers', 'defence-ministers', 'ambassadors', 'chiefs-of-defence', 'military-representatives', 'experts')))`,

  `create table "agendaAgreements" ("visibility" text collate "C" not null check (visibility in ('public', 'joint', 'caucus')), "party" text collate "C" references "parties" ("id") deferrable, "meetingId" text collate "C" not null references "meetings" ("id") on delete cascade deferrable, "userId" text collate "C" not null, "agendaVersion" integer not null, "agreedAt" text collate "C" not null, constraint "agendaAgreements_caucus_has_party" check (visibility <> 'caucus' or party is not null), constraint "agendaAgreementsKey" primary key ("meetingId", "party"))`,

  `create table "agendaItems" ("visibility" text collate "C" not null check (visibility in ('public', 'joint', 'caucus')), "party" text collate "C" references "parties" ("id") deferrable, "id" text collate "C" primary key, "meetingId" text collate "C" not null references "meetings" ("id") on delete cascade deferrable, "position" integer not null, "title" text collate "C" not null, "outcome" text collate "C", "chairedBy" text collate "C", "createdAt" text collate "C" not null, "updatedAt" text collate "C" not null, "sourceId" text collate "C" references "sources" ("id") deferrable, "reconstructed" integer default 0 not null check ("reconstructed" in (0, 1)), constraint "agendaItems_caucus_has_party" check (visibility <> 'caucus' or party is not null), constraint "agendaItems_chairedBy_vocabulary" check ("chairedBy" is null or "chairedBy" in ('secretary-general', 'rotating', 'russia')))`,

  `create table "agendaItemActivities" ("agendaItemId" text collate "C" not null references "agendaItems" ("id") on delete cascade deferrable, "activityId" text collate "C" not null references "activities" ("id") deferrable, constraint "agendaItemActivitiesKey" primary key ("agendaItemId", "activityId"))`,

  `create table "agendaItemTopics" ("agendaItemId" text collate "C" not null references "agendaItems" ("id") on delete cascade deferrable, "topicId" text collate "C" not null references "topics" ("id") deferrable, constraint "agendaItemTopicsKey" primary key ("agendaItemId", "topicId"))`,

  `create table "auditEvents" ("visibility" text collate "C" not null check (visibility in ('public', 'joint', 'caucus')), "party" text collate "C" references "parties" ("id") deferrable, "id" integer generated by default as identity primary key, "at" text collate "C" not null, "actorId" text collate "C", "actorParty" text collate "C", "action" text collate "C" not null, "entityType" text collate "C" not null, "entityId" text collate "C" not null, "before" text collate "C", "after" text collate "C", "audience" text collate "C", "seq" integer, constraint "auditEvents_caucus_has_party" check (visibility <> 'caucus' or party is not null))`,

  `create table "delegations" ("visibility" text collate "C" not null check (visibility in ('public', 'joint', 'caucus')), "party" text collate "C" references "parties" ("id") deferrable, "id" text collate "C" primary key, "name" text collate "C" not null, "countryCode" text collate "C", "joinedOn" text collate "C", "leftOn" text collate "C", "sourceId" text collate "C" references "sources" ("id") deferrable, "createdAt" text collate "C" not null, "updatedAt" text collate "C" not null, constraint "delegations_caucus_has_party" check (visibility <> 'caucus' or party is not null))`,

  `create table "users" ("id" text collate "C" primary key, "username" text collate "C" not null, "displayName" text collate "C", "party" text collate "C" not null references "parties" ("id") deferrable, "roles" text collate "C" not null, "passwordHash" text collate "C" not null, "disabledAt" text collate "C", "createdAt" text collate "C" not null, "updatedAt" text collate "C" not null, "mustChangePassword" integer default 0 not null check ("mustChangePassword" in (0, 1)), "passwordResetAt" text collate "C", "passwordResetBy" text collate "C" references "users" ("id") deferrable, "passwordResetConfirmedBy" text collate "C" references "users" ("id") deferrable, "clearance" text collate "C" default 'nato-unclassified' not null references "classifications" ("id") deferrable, "delegationId" text collate "C" references "delegations" ("id") deferrable, constraint "usersPartyUsername" unique ("party", "username"), constraint "users_roles_vocabulary" check ("isRoleList"("roles")))`,

  `create table "calendarFeeds" ("id" text collate "C" primary key, "tokenHash" text collate "C" not null unique, "userId" text collate "C" not null references "users" ("id") on delete cascade deferrable, "label" text collate "C", "createdAt" text collate "C" not null, "lastUsedAt" text collate "C")`,

  `create table "changeEvents" ("id" integer generated by default as identity primary key, "audience" text collate "C" not null, "seq" integer not null, "at" text collate "C" not null, "entityType" text collate "C" not null, "entityId" text collate "C" not null, "action" text collate "C" not null, "auditEventId" integer not null references "auditEvents" ("id") deferrable)`,

  `create table "council" ("visibility" text collate "C" not null check (visibility in ('public', 'joint', 'caucus')), "party" text collate "C" references "parties" ("id") deferrable, "id" text collate "C" primary key, "name" text collate "C" not null, "shortName" text collate "C" not null, "foundingInstrument" text collate "C" not null, "foundedOn" text collate "C" not null, "languages" text collate "C" not null, "description" text collate "C", "sourceId" text collate "C" references "sources" ("id") deferrable, "createdAt" text collate "C" not null, "updatedAt" text collate "C" not null, constraint "council_caucus_has_party" check (visibility <> 'caucus' or party is not null))`,

  `create table "councilPeriods" ("visibility" text collate "C" not null check (visibility in ('public', 'joint', 'caucus')), "party" text collate "C" references "parties" ("id") deferrable, "id" text collate "C" primary key, "councilId" text collate "C" not null references "council" ("id") deferrable, "status" text collate "C" not null check (status in ('active', 'suspended', 'restricted')), "scope" text collate "C", "startsOn" text collate "C" not null, "endsOn" text collate "C", "description" text collate "C", "sourceId" text collate "C" references "sources" ("id") deferrable, "createdAt" text collate "C" not null, "updatedAt" text collate "C" not null, constraint "councilPeriods_caucus_has_party" check (visibility <> 'caucus' or party is not null))`,

  `create table "councilStatements" ("visibility" text collate "C" not null check (visibility in ('public', 'joint', 'caucus')), "party" text collate "C" references "parties" ("id") deferrable, "createdAt" text collate "C" not null, "updatedAt" text collate "C" not null, "id" text collate "C" primary key, "councilId" text collate "C" not null references "council" ("id") deferrable, "position" integer not null, "text" text collate "C" not null, "note" text collate "C", "sourceId" text collate "C" references "sources" ("id") deferrable, constraint "councilStatements_caucus_has_party" check (visibility <> 'caucus' or party is not null))`,

  `create table "decisions" ("visibility" text collate "C" not null check (visibility in ('public', 'joint', 'caucus')), "party" text collate "C" references "parties" ("id") deferrable, "id" text collate "C" primary key, "subject" text collate "C" not null, "text" text collate "C" not null, "status" text collate "C" not null check (status in ('proposed', 'agreed', 'declined', 'withdrawn')), "meetingId" text collate "C" references "meetings" ("id") deferrable, "proposedBy" text collate "C", "decidedOn" text collate "C", "sourceId" text collate "C" references "sources" ("id") deferrable, "createdAt" text collate "C" not null, "updatedAt" text collate "C" not null, "approvesKind" text collate "C" check ("approvesKind" in ('workProgramme', 'office')), "approvesId" text collate "C", "version" integer default 1 not null, constraint "decisions_caucus_has_party" check (visibility <> 'caucus' or party is not null))`,

  `create table "decisionResponses" ("visibility" text collate "C" not null check (visibility in ('public', 'joint', 'caucus')), "party" text collate "C" references "parties" ("id") deferrable, "decisionId" text collate "C" not null references "decisions" ("id") on delete cascade deferrable, "userId" text collate "C", "response" text collate "C" not null check (response in ('concur', 'decline')), "comment" text collate "C", "at" text collate "C" not null, "version" integer default 1 not null, constraint "decisionResponses_caucus_has_party" check (visibility <> 'caucus' or party is not null), constraint "decisionResponsesKey" primary key ("decisionId", "party"))`,

  `create table "people" ("visibility" text collate "C" not null check (visibility in ('public', 'joint', 'caucus')), "party" text collate "C" references "parties" ("id") deferrable, "id" text collate "C" primary key, "name" text collate "C" not null, "honorific" text collate "C", "delegationId" text collate "C" references "delegations" ("id") deferrable, "sourceId" text collate "C" references "sources" ("id") deferrable, "createdAt" text collate "C" not null, "updatedAt" text collate "C" not null, constraint "people_caucus_has_party" check (visibility <> 'caucus' or party is not null))`,

  `create table "meetingAttendance" ("visibility" text collate "C" not null check (visibility in ('public', 'joint', 'caucus')), "party" text collate "C" references "parties" ("id") deferrable, "meetingId" text collate "C" not null references "meetings" ("id") on delete cascade deferrable, "delegationId" text collate "C" not null references "delegations" ("id") deferrable, "representative" text collate "C", "personId" text collate "C" references "people" ("id") deferrable, "sourceId" text collate "C" references "sources" ("id") deferrable, constraint "meetingAttendance_caucus_has_party" check (visibility <> 'caucus' or party is not null), constraint "meetingAttendanceKey" primary key ("meetingId", "delegationId"))`,

  `create table "meetingCoChairs" ("visibility" text collate "C" not null check (visibility in ('public', 'joint', 'caucus')), "party" text collate "C" references "parties" ("id") deferrable, "meetingId" text collate "C" not null references "meetings" ("id") on delete cascade deferrable, "role" text collate "C" not null check (role in ('secretary-general', 'rotating', 'russia')), "personId" text collate "C" references "people" ("id") deferrable, "delegationId" text collate "C" references "delegations" ("id") deferrable, "sourceId" text collate "C" references "sources" ("id") deferrable, constraint "meetingCoChairs_caucus_has_party" check (visibility <> 'caucus' or party is not null), constraint "meetingCoChairsKey" primary key ("meetingId", "role"))`,

  `create table "notes" ("visibility" text collate "C" not null check (visibility in ('public', 'joint', 'caucus')), "party" text collate "C" references "parties" ("id") deferrable, "id" text collate "C" primary key, "text" text collate "C" not null, "authorId" text collate "C", "meetingId" text collate "C" references "meetings" ("id") on delete cascade deferrable, "agendaItemId" text collate "C" references "agendaItems" ("id") on delete cascade deferrable, "decisionId" text collate "C" references "decisions" ("id") on delete cascade deferrable, "createdAt" text collate "C" not null, "updatedAt" text collate "C" not null, constraint "notes_caucus_has_party" check (visibility <> 'caucus' or party is not null))`,

  `create table "notifications" ("id" text collate "C" primary key, "userId" text collate "C" not null references "users" ("id") on delete cascade deferrable, "kind" text collate "C" not null, "entityType" text collate "C" not null, "entityId" text collate "C" not null, "message" text collate "C" not null, "at" text collate "C" not null, "readAt" text collate "C")`,

  `create table "offices" ("visibility" text collate "C" not null check (visibility in ('public', 'joint', 'caucus')), "party" text collate "C" references "parties" ("id") deferrable, "id" text collate "C" primary key, "name" text collate "C" not null, "kind" text collate "C" not null, "location" text collate "C", "status" text collate "C" not null check (status in ('proposed', 'agreed', 'open', 'closed')), "proposedOn" text collate "C", "agreedOn" text collate "C", "openedOn" text collate "C", "closedOn" text collate "C", "establishedBy" text collate "C", "sourceId" text collate "C" references "sources" ("id") deferrable, "createdAt" text collate "C" not null, "updatedAt" text collate "C" not null, "version" integer default 1 not null, constraint "offices_caucus_has_party" check (visibility <> 'caucus' or party is not null), constraint "offices_kind_vocabulary" check ("kind" in ('information-office', 'military-liaison-mission', 'mission', 'other')))`,

  `create table "operations" ("visibility" text collate "C" not null check (visibility in ('public', 'joint', 'caucus')), "party" text collate "C" references "parties" ("id") deferrable, "id" text collate "C" primary key, "name" text collate "C" not null, "fullName" text collate "C" not null, "location" text collate "C", "mandate" text collate "C", "sourceId" text collate "C" references "sources" ("id") deferrable, "createdAt" text collate "C" not null, "updatedAt" text collate "C" not null, constraint "operations_caucus_has_party" check (visibility <> 'caucus' or party is not null))`,

  `create table "operationStrengths" ("visibility" text collate "C" not null check (visibility in ('public', 'joint', 'caucus')), "party" text collate "C" references "parties" ("id") deferrable, "id" text collate "C" primary key, "operationId" text collate "C" not null references "operations" ("id") on delete cascade deferrable, "contributor" text collate "C", "troops" integer not null check (troops >= 0), "qualifier" text collate "C", "asOf" text collate "C" not null, "sourceId" text collate "C" references "sources" ("id") deferrable, constraint "operationStrengths_caucus_has_party" check (visibility <> 'caucus' or party is not null))`,

  `create table "partyKeys" ("id" text collate "C" primary key, "party" text collate "C" references "parties" ("id") deferrable, "publicKey" text collate "C" not null, "privateKey" text collate "C", "note" text collate "C", "registeredAt" text collate "C" not null, "retiredAt" text collate "C", "kind" text collate "C" default 'party' not null check ("kind" in ('party', 'server-held', 'reference', 'server')))`,

  `create table "posts" ("visibility" text collate "C" not null check (visibility in ('public', 'joint', 'caucus')), "party" text collate "C" references "parties" ("id") deferrable, "id" text collate "C" primary key, "personId" text collate "C" not null references "people" ("id") on delete cascade deferrable, "title" text collate "C" not null, "delegationId" text collate "C" references "delegations" ("id") deferrable, "startsOn" text collate "C", "endsOn" text collate "C", "sourceId" text collate "C" references "sources" ("id") deferrable, "createdAt" text collate "C" not null, "updatedAt" text collate "C" not null, constraint "posts_caucus_has_party" check (visibility <> 'caucus' or party is not null))`,

  `create table "publicationRequests" ("entityType" text collate "C" not null, "entityId" text collate "C" not null, "party" text collate "C" not null references "parties" ("id") deferrable, "version" integer not null, "userId" text collate "C", "requestedAt" text collate "C" not null, constraint "publicationRequestsKey" primary key ("entityType", "entityId", "party"))`,

  `create table "recordCoverage" ("visibility" text collate "C" not null check (visibility in ('public', 'joint', 'caucus')), "party" text collate "C" references "parties" ("id") deferrable, "createdAt" text collate "C" not null, "updatedAt" text collate "C" not null, "id" text collate "C" primary key, "startsOn" text collate "C" not null, "endsOn" text collate "C", "level" text collate "C", "complete" integer not null check (complete in (0, 1)), "reason" text collate "C" not null, "sourceId" text collate "C" references "sources" ("id") deferrable, constraint "recordCoverage_caucus_has_party" check (visibility <> 'caucus' or party is not null))`,

  `create table "recordLog" ("id" integer generated by default as identity primary key, "audience" text collate "C" not null, "seq" integer not null, "at" text collate "C" not null, "kind" text collate "C" not null, "entityType" text collate "C" not null, "entityId" text collate "C" not null, "payload" text collate "C" not null, "prevHash" text collate "C" not null, "hash" text collate "C" not null, "signerKeyId" text collate "C" references "partyKeys" ("id") deferrable, "signature" text collate "C", constraint "recordLogKey" unique ("audience", "seq"))`,

  `create table "roleGrants" ("id" text collate "C" primary key, "userId" text collate "C" not null references "users" ("id") deferrable, "party" text collate "C" not null references "parties" ("id") deferrable, "kind" text collate "C" not null check (kind in ('role', 'password-reset')), "role" text collate "C" check (role in ('chair', 'admin')), "passwordHash" text collate "C", "requestedBy" text collate "C" not null references "users" ("id") deferrable, "requestedAt" text collate "C" not null, "status" text collate "C" not null check (status in ('pending', 'confirmed', 'rejected', 'withdrawn')), "decidedBy" text collate "C" references "users" ("id") deferrable, "decidedAt" text collate "C", constraint "roleGrants_kind_fields" check ((kind = 'role' and role is not null and "passwordHash" is null) or (kind = 'password-reset' and role is null)))`,

  `create table "searchDocuments" ("id" integer generated by default as identity primary key, "entityType" text collate "C" not null, "entityId" text collate "C" not null, "audience" text collate "C" not null, constraint "searchDocumentsKey" unique ("entityType", "entityId"))`,

  `create table "sessions" ("id" text collate "C" primary key, "userId" text collate "C" not null references "users" ("id") on delete cascade deferrable, "kind" text collate "C" not null check (kind in ('session', 'token')), "csrfToken" text collate "C", "createdAt" text collate "C" not null, "expiresAt" text collate "C" not null, "lastUsedAt" text collate "C")`,

  `create table "signInAttempts" ("party" text collate "C" not null, "username" text collate "C" not null, "count" integer not null, "windowStartedAt" text collate "C" not null, constraint "signInAttemptsKey" primary key ("party", "username"))`,

  `create table "silenceBreaks" ("visibility" text collate "C" not null check (visibility in ('public', 'joint', 'caucus')), "party" text collate "C" references "parties" ("id") deferrable, "id" text collate "C" primary key, "textId" text collate "C" not null references "texts" ("id") on delete cascade deferrable, "participant" text collate "C" not null, "userId" text collate "C", "reason" text collate "C" not null, "amendment" text collate "C", "version" integer not null, "at" text collate "C" not null, constraint "silenceBreaks_caucus_has_party" check (visibility <> 'caucus' or party is not null))`,

  `create table "silenceParticipants" ("visibility" text collate "C" not null check (visibility in ('public', 'joint', 'caucus')), "party" text collate "C" references "parties" ("id") deferrable, "textId" text collate "C" not null references "texts" ("id") on delete cascade deferrable, "participant" text collate "C" not null, "participantKind" text collate "C" not null check ("participantKind" in ('party', 'delegation')), constraint "silenceParticipants_caucus_has_party" check (visibility <> 'caucus' or party is not null), constraint "silenceParticipantsKey" primary key ("textId", "participant"))`,

  `create table "textAgreements" ("visibility" text collate "C" not null check (visibility in ('public', 'joint', 'caucus')), "party" text collate "C" references "parties" ("id") deferrable, "textId" text collate "C" not null references "texts" ("id") on delete cascade deferrable, "kind" text collate "C" not null, "byParty" text collate "C" not null references "parties" ("id") deferrable, "version" integer not null, "userId" text collate "C", "at" text collate "C" not null, constraint "textAgreements_caucus_has_party" check (visibility <> 'caucus' or party is not null), constraint "textAgreementsKey" primary key ("textId", "kind", "byParty"))`,

  `create table "textSeries" ("audience" text collate "C" not null, "year" integer not null, "last" integer not null, constraint "textSeriesKey" primary key ("audience", "year"))`,

  `create table "textSignatures" ("visibility" text collate "C" not null check (visibility in ('public', 'joint', 'caucus')), "party" text collate "C" references "parties" ("id") deferrable, "textId" text collate "C" not null references "texts" ("id") deferrable, "byParty" text collate "C" not null references "parties" ("id") deferrable, "keyId" text collate "C" not null references "partyKeys" ("id") deferrable, "signature" text collate "C" not null, "at" text collate "C" not null, constraint "textSignatures_caucus_has_party" check (visibility <> 'caucus' or party is not null), constraint "textSignaturesKey" primary key ("textId", "byParty"))`,

  `create table "textStatements" ("visibility" text collate "C" not null check (visibility in ('public', 'joint', 'caucus')), "party" text collate "C" references "parties" ("id") deferrable, "id" text collate "C" primary key, "textId" text collate "C" not null references "texts" ("id") on delete cascade deferrable, "kind" text collate "C" not null check (kind in ('interpretative', 'reservation')), "byParty" text collate "C" not null references "parties" ("id") deferrable, "text" text collate "C" not null, "userId" text collate "C", "at" text collate "C" not null, constraint "textStatements_caucus_has_party" check (visibility <> 'caucus' or party is not null))`,

  `create table "textVersions" ("visibility" text collate "C" not null check (visibility in ('public', 'joint', 'caucus')), "party" text collate "C" references "parties" ("id") deferrable, "textId" text collate "C" not null references "texts" ("id") on delete cascade deferrable, "version" integer not null, "content" text collate "C" not null, "at" text collate "C" not null, "byParty" text collate "C" references "parties" ("id") deferrable, "userId" text collate "C", "summary" text collate "C" not null, constraint "textVersions_caucus_has_party" check (visibility <> 'caucus' or party is not null), constraint "textVersionsKey" primary key ("textId", "version"))`,

  `create table "timelineEvents" ("visibility" text collate "C" not null check (visibility in ('public', 'joint', 'caucus')), "party" text collate "C" references "parties" ("id") deferrable, "id" text collate "C" primary key, "date" text collate "C" not null, "title" text collate "C" not null, "description" text collate "C", "kind" text collate "C" not null, "sourceId" text collate "C" references "sources" ("id") deferrable, "createdAt" text collate "C" not null, "updatedAt" text collate "C" not null, "reconstructed" integer default 0 not null check ("reconstructed" in (0, 1)), constraint "timelineEvents_caucus_has_party" check (visibility <> 'caucus' or party is not null))`,

  `create index "activitiesByArea" on "activities" ("areaId")`,

  `create index "activitiesByProgramme" on "activities" ("programmeId", "id")`,

  `create index "activityProgressByActivity" on "activityProgress" ("activityId", "on", "id")`,

  `create index "agendaItemActivitiesByActivity" on "agendaItemActivities" ("activityId", "agendaItemId")`,

  `create index "agendaItemTopicsByTopic" on "agendaItemTopics" ("topicId", "agendaItemId")`,

  `create index "agendaItemsByMeeting" on "agendaItems" ("meetingId", "position")`,

  `create index "auditEventsByActor" on "auditEvents" ("actorId", "id")`,

  `create index "auditEventsByAt" on "auditEvents" ("at", "id")`,

  `create unique index "auditEventsByAudience" on "auditEvents" ("audience", "seq")`,

  `create index "auditEventsByEntity" on "auditEvents" ("entityType", "entityId", "id")`,

  `create index "calendarFeedsByUser" on "calendarFeeds" ("userId", "createdAt")`,

  `create unique index "changeEventsByAudience" on "changeEvents" ("audience", "seq")`,

  `create index "councilPeriodsByStart" on "councilPeriods" ("startsOn", "id")`,

  `create index "councilStatementsByCouncil" on "councilStatements" ("councilId", "position")`,

  `create index "decisionsByApproves" on "decisions" ("approvesKind", "approvesId")`,

  `create index "decisionsByCreated" on "decisions" ("createdAt", "id")`,

  `create index "decisionsByMeeting" on "decisions" ("meetingId", "createdAt", "id")`,

  `create index "decisionsByStatus" on "decisions" ("status", "createdAt", "id")`,

  `create index "meetingsByDate" on "meetings" ("date", "id")`,

  `create index "meetingsByFormat" on "meetings" ("format", "date", "id")`,

  `create index "meetingsByLevel" on "meetings" ("level", "date", "id")`,

  `create index "meetingsByParty" on "meetings" ("party", "date", "id")`,

  `create index "meetingsBySeries" on "meetings" ("seriesId", "startsAt")`,

  `create index "meetingsByStatus" on "meetings" ("status", "date", "id")`,

  `create index "meetingsByVisibility" on "meetings" ("visibility", "date", "id")`,

  `create index "notesByAgendaItem" on "notes" ("agendaItemId", "createdAt", "id")`,

  `create index "notesByCreated" on "notes" ("createdAt", "id")`,

  `create index "notesByDecision" on "notes" ("decisionId", "createdAt", "id")`,

  `create index "notesByMeeting" on "notes" ("meetingId", "createdAt", "id")`,

  `create index "notificationsByUser" on "notifications" ("userId", "at", "id")`,

  `create index "operationStrengthsByOperation" on "operationStrengths" ("operationId", "asOf")`,

  `create index "partyKeysByParty" on "partyKeys" ("party")`,

  `create index "peopleByDelegation" on "people" ("delegationId")`,

  `create index "peopleByName" on "people" ("name", "id")`,

  `create index "peopleByParty" on "people" ("party", "name", "id")`,

  `create index "postsByPerson" on "posts" ("personId")`,

  `create index "roleGrantsByParty" on "roleGrants" ("party", "status", "requestedAt", "id")`,

  `create index "roleGrantsByUser" on "roleGrants" ("userId", "status")`,

  `create index "sessionsByUser" on "sessions" ("userId")`,

  `create index "signInAttemptsByWindow" on "signInAttempts" ("windowStartedAt")`,

  `create index "textSignaturesByKey" on "textSignatures" ("keyId")`,

  `create unique index "textsByNumber" on "texts" ("number")`,

  `create index "textsByRef" on "texts" ("refKind", "refId")`,

  `create index "textsBySilence" on "texts" ("silenceDeadline") where "state" = 'under-silence'`,

  `create index "textsByState" on "texts" ("state", "updatedAt", "id")`,

  `create index "timelineEventsByDate" on "timelineEvents" ("date", "id")`,

  `create index "timelineEventsByKind" on "timelineEvents" ("kind", "date", "id")`,

  `create index "topicsByParent" on "topics" ("parentId")`,

  `create index "workProgrammeAreasByProgramme" on "workProgrammeAreas" ("programmeId", "position")`,
];

// The words of every search document under each configuration (tsvector-store.ts says why
// four); the title's weigh more than the body's.
const SEARCH_TEXT = `create table "searchText" (
  "id" integer primary key references "searchDocuments" ("id") on delete cascade deferrable,
  "partition" text collate "C" not null,
  "title" text not null,
  "body" text not null,
  "terms" tsvector generated always as (
    setweight(to_tsvector('simple', "title"), 'A') || setweight(to_tsvector('english', "title"), 'A')
    || setweight(to_tsvector('french', "title"), 'A') || setweight(to_tsvector('russian', "title"), 'A')
    || to_tsvector('simple', "body") || to_tsvector('english', "body")
    || to_tsvector('french', "body") || to_tsvector('russian', "body")) stored)`;

// The audit trail and the record log are append only. A restore (`council import --replace`,
// modules/transfer/audit-trail-lock.ts) replaces them with the backup's own inside one
// transaction that says so (`set local council.restoring = 'on'`); the application's role
// cannot disable a trigger, since it owns no table.
const APPEND_ONLY = `create function "refuseChange"() returns trigger language plpgsql as $$
  begin
    if coalesce(current_setting('council.restoring', true), '') = 'on' then
      return case when tg_op = 'DELETE' then old else new end;
    end if;
    raise exception '% is append only', tg_table_name using errcode = 'restrict_violation';
  end $$`;

export async function up(db: Db): Promise<void> {
  await sql.raw(ROLE_LIST).execute(db);
  for (const statement of TABLES) await sql.raw(statement).execute(db);
  await sql.raw(SEARCH_TEXT).execute(db);
  // One GIN index over the partition and the words (btree_gin, a trusted extension that ships
  // with PostgreSQL): a search reads the entries of its own partition, so what it costs does
  // not follow how often the other party's caucus uses the word.
  await sql`create extension if not exists btree_gin`.execute(db);
  await sql`create index "searchTextByPartitionTerms" on "searchText"
    using gin ("partition", "terms")`.execute(db);
  await sql`create index "searchTextByPartition" on "searchText" ("partition", "id")`.execute(db);
  await sql.raw(APPEND_ONLY).execute(db);
  for (const table of ['auditEvents', 'recordLog']) {
    await sql
      .raw(
        `create trigger "${table}AppendOnly" before update or delete on "${table}"
         for each row execute function "refuseChange"()`,
      )
      .execute(db);
  }
  await db
    .insertInto('classifications')
    .values([
      {
        id: 'public-disclosed',
        name: 'PUBLIC DISCLOSED',
        rank: 0,
        description: 'released to the public',
      },
      { id: 'nato-unclassified', name: 'NATO UNCLASSIFIED', rank: 1, description: null },
      { id: 'nato-restricted', name: 'NATO RESTRICTED', rank: 2, description: null },
      { id: 'nato-confidential', name: 'NATO CONFIDENTIAL', rank: 3, description: null },
      { id: 'nato-secret', name: 'NATO SECRET', rank: 4, description: null },
    ])
    .execute();
}
