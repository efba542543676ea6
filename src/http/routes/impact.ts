/** The organizers' impact report, as JSON for the charts and as CSV for spreadsheets. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { FIGURES } from '../../services/impact.service';
import { sendCsv } from '../csv-reply';
import { requireViewer } from '../plugins/auth';
import { errors } from '../schemas/common';

const Counts = Object.fromEntries(FIGURES.map((f) => [f, Type.Integer()])) as Record<
  (typeof FIGURES)[number],
  ReturnType<typeof Type.Integer>
>;

const ImpactQuery = Type.Object({
  from: Type.Optional(
    Type.String({ maxLength: 7, description: 'first month, YYYY-MM (UTC)', examples: ['2019-01'] }),
  ),
  to: Type.Optional(Type.String({ maxLength: 7, description: 'last month, YYYY-MM (UTC), inclusive' })),
  cities: Type.Optional(
    Type.String({
      maxLength: 200,
      description: 'two cities, comma-separated',
      examples: ['Granada,Kunming'],
    }),
  ),
  sector: Type.Optional(Type.String({ maxLength: 64, description: 'a sector id of /api/taxonomy' })),
});

const describeFigures =
  'requests sent; accepted; meetings booked (confirmed); held (everyone in the lobby during it, or ' +
  'someone said it took place); no-shows (ended, not held); cooperation possible (someone said so); ' +
  'agreements ≥ MoUs ≥ pilots (projects by the furthest stage reached, and follow-up answers of ' +
  'meetings no project grew from); projects. See the README for the exact rules.';

export const impactRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { impact } = app.services;

  app.get(
    '/api/admin/impact',
    {
      schema: {
        tags: ['admin'],
        summary:
          'The programme’s impact: the funnel from requests to projects, by city pair, sector and month',
        description: describeFigures,
        querystring: ImpactQuery,
        response: {
          200: Type.Object({
            funnel: Type.Object(Counts),
            byCityPair: Type.Array(
              Type.Object({ cities: Type.Array(Type.String(), { minItems: 2, maxItems: 2 }), ...Counts }),
            ),
            bySector: Type.Array(Type.Object({ sector: Type.String(), ...Counts })),
            overTime: Type.Array(
              Type.Object({ month: Type.String({ description: 'YYYY-MM, UTC' }), ...Counts }),
            ),
            projectsByStage: Type.Record(Type.String(), Type.Integer()),
          }),
          ...errors(400, 401, 403, 422),
        },
      },
    },
    async (req) => await impact.report(requireViewer(req), req.query),
  );

  app.get(
    '/api/admin/impact.csv',
    {
      schema: {
        tags: ['admin'],
        summary: 'The impact report as CSV: one row per total, month, city pair, sector and project stage',
        querystring: ImpactQuery,
        response: errors(400, 401, 403, 422),
      },
    },
    async (req, reply) => sendCsv(reply, 'impact', await impact.reportCsv(requireViewer(req), req.query)),
  );
};
