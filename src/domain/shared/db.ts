// The Prisma types the domain works with. Only src/domain and src/infra see Prisma.
export type { PrismaClient } from '../../generated/prisma/client.ts';
export { Prisma } from '../../generated/prisma/client.ts';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';

/** A client inside an interactive transaction, or the root client. */
export type Db = PrismaClient | Prisma.TransactionClient;
