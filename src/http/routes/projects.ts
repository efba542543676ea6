/** Cooperation projects: partners and organizers create, list, read and change them. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireViewer } from '../plugins/auth';
import { errors, IdParams } from '../schemas/common';
import {
  CandidateSchema,
  CreateProjectBody,
  PatchProjectBody,
  ProjectSchema,
  partnerView,
  projectView,
} from '../schemas/projects';

const ProjectRef = Type.Ref('Project');

export const projectRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { projects } = app.services;
  app.addSchema(ProjectSchema);

  app.post(
    '/api/projects',
    {
      schema: {
        tags: ['projects'],
        summary: 'Record a cooperation project; the stage starts at `idea` unless given',
        body: CreateProjectBody,
        response: { 201: ProjectRef, ...errors(400, 401, 403, 422) },
      },
    },
    async (req, reply) => {
      const view = await projects.create(requireViewer(req), req.body);
      return reply.code(201).send(projectView(view));
    },
  );

  app.get(
    '/api/projects',
    {
      schema: {
        tags: ['projects'],
        summary: 'Projects you are a partner in (every project, for organizers), latest change first',
        response: { 200: Type.Object({ projects: Type.Array(ProjectRef) }), ...errors(401) },
      },
    },
    async (req) => ({ projects: (await projects.list(requireViewer(req))).map(projectView) }),
  );

  app.get(
    '/api/projects/candidates',
    {
      schema: {
        tags: ['projects'],
        summary: 'People you shared a session or an accepted request with: whom the form offers as partners',
        response: { 200: Type.Object({ people: Type.Array(CandidateSchema) }), ...errors(401) },
      },
    },
    async (req) => ({ people: (await projects.candidates(requireViewer(req))).map(partnerView) }),
  );

  app.get(
    '/api/projects/:id',
    {
      schema: {
        tags: ['projects'],
        summary: 'One project (its partners and organizers; anyone else gets 404)',
        params: IdParams,
        response: { 200: ProjectRef, ...errors(401, 404) },
      },
    },
    async (req) => projectView(await projects.get(requireViewer(req), req.params.id)),
  );

  app.patch(
    '/api/projects/:id',
    {
      schema: {
        tags: ['projects'],
        summary: 'Change a project; a new stage is recorded with the date of the change',
        params: IdParams,
        body: PatchProjectBody,
        response: { 200: ProjectRef, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (req) => projectView(await projects.update(requireViewer(req), req.params.id, req.body)),
  );
};
