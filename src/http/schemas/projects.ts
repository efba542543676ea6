/** Cooperation projects on the wire. Stage and title rules live in the service, which answers with its own codes. */
import { Type } from 'typebox';
import { PROJECT_STAGES } from '../../db/schema';
import { toUtcIso } from '../../domain/time';
import type { ProjectView } from '../../services/projects.service';

const stageText = `one of ${PROJECT_STAGES.join(' · ')}`;

const fields = {
  title: Type.String({ maxLength: 1000, description: 'not empty, at most 200 characters' }),
  summary: Type.String({ maxLength: 20000, description: 'at most 4,000 characters' }),
  partners: Type.Array(Type.String({ maxLength: 64 }), {
    maxItems: 200,
    description: 'participant ids; the creator is added unless an organizer',
  }),
  sectors: Type.Array(Type.String({ maxLength: 64 }), {
    maxItems: 50,
    description: 'sector ids of /api/taxonomy',
  }),
  stage: Type.String({ maxLength: 64, description: stageText, examples: ['idea'] }),
  sessions: Type.Array(Type.String({ maxLength: 64 }), {
    maxItems: 200,
    description: 'the meetings it grew from: sessions the caller was in (any, for organizers)',
  }),
};

export const CreateProjectBody = Type.Object(
  {
    title: fields.title,
    summary: Type.Optional(fields.summary),
    partners: Type.Optional(fields.partners),
    sectors: Type.Optional(fields.sectors),
    stage: Type.Optional(fields.stage),
    sessions: Type.Optional(fields.sessions),
  },
  { additionalProperties: false },
);

export const PatchProjectBody = Type.Partial(Type.Object(fields, { additionalProperties: false }));

const PartnerView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  organisation: Type.String(),
  city: Type.String(),
  country: Type.String(),
  side: Type.String({ description: 'eu, cn or other' }),
});

export const ProjectSchema = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    summary: Type.String(),
    stage: Type.String({ description: stageText }),
    partners: Type.Array(PartnerView),
    sectors: Type.Array(Type.String()),
    sessions: Type.Array(
      Type.Object({
        id: Type.String(),
        title: Type.String(),
        kind: Type.String(),
        start: Type.String(),
        end: Type.String(),
      }),
    ),
    stages: Type.Array(Type.Object({ stage: Type.String(), at: Type.String() }), {
      description: 'every stage it has been in, oldest first, with the instant of the change',
    }),
    createdAt: Type.String(),
    updatedAt: Type.String(),
  },
  { $id: 'Project' },
);

export const CandidateSchema = PartnerView;

export function partnerView(p: ProjectView['partners'][number]) {
  return {
    id: p.id,
    name: p.name,
    organisation: p.organisation,
    city: p.city,
    country: p.country,
    side: p.side,
  };
}

export function projectView({ project: p, partners, sessions }: ProjectView) {
  return {
    id: p.id,
    title: p.title,
    summary: p.summary,
    stage: p.stage,
    partners: partners.map(partnerView),
    sectors: p.sectors,
    sessions: sessions.map((s) => ({
      id: s.id,
      title: s.title,
      kind: s.kind,
      start: toUtcIso(s.startAt),
      end: toUtcIso(s.endAt),
    })),
    stages: p.stages.map((s) => ({ stage: s.stage, at: toUtcIso(s.at) })),
    createdAt: toUtcIso(p.createdAt),
    updatedAt: toUtcIso(p.updatedAt),
  };
}
