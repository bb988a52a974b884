import { Controller, Get, Res } from "@nestjs/common";
import { DatabaseService, type HealthBody } from "./database.service";

@Controller()
export class AppController {
  constructor(private readonly database: DatabaseService) {}

  @Get()
  index() {
    return { message: "Hello from NestJS" };
  }

  /** 200 only after a real query on the database succeeded (or when there is no database). */
  @Get("health")
  async health(@Res({ passthrough: true }) res: { status(code: number): unknown }): Promise<HealthBody> {
    const { status, body } = await this.database.check();
    res.status(status);
    return body;
  }
}
