package org.opensignup.admin;

import org.junit.jupiter.api.Test;
import org.opensignup.config.AppConfig;
import org.opensignup.config.ConfigException;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The staff area's plain rules: amounts in euros, who is a superuser, what each role may do, CSV cells. */
class AdminRulesTest {

  @Test
  void eurosAreReadInGermanAndEnglishNotationAndNonsenseIsRefused() {
    Map<String, Integer> ok = Map.of("60", 6000, "60,00", 6000, "60.5", 6050, " 12,34 € ", 1234, "-10", -1000, "0,01", 1, "100000", 10_000_000);
    ok.forEach((in, cents) -> assertEquals(cents, Euros.parse(in).cents(), in));
    Map<String, String> bad = Map.of("", "admin.payment.error.missing", "abc", "admin.payment.error.format", "1.234,50", "admin.payment.error.format",
      "12.345", "admin.payment.error.format", "0", "admin.payment.error.zero", "0,00", "admin.payment.error.zero",
      "100000,01", "admin.payment.error.too-large", "1e3", "admin.payment.error.format", "--5", "admin.payment.error.format");
    bad.forEach((in, key) -> assertEquals(key, Euros.parse(in).errorKey(), in));
    assertEquals("49.50", Euros.format(4950));
    assertEquals("-0.05", Euros.format(-5));
  }

  @Test
  void superusersAreNamedBySubjectAtTheIssuerOrByAVerifiedMail() {
    Superusers s = Superusers.parse(" boss , Chief@Uni.example, sub:x@provider, mail:second@uni.example,");
    assertTrue(s.includes(true, "boss", null, false));
    assertFalse(s.includes(true, "BOSS", null, false), "subjects are compared exactly");
    assertFalse(s.includes(false, "boss", null, false), "a subject from another issuer is another person");
    assertTrue(s.includes(true, "other", "chief@uni.example", true));
    assertFalse(s.includes(true, "other", "chief@uni.example", false), "an unverified mail claim proves nothing");
    assertFalse(s.includes(true, "mallory", "boss", true), "a mail claim never matches a subject entry");
    assertTrue(s.includes(true, "x@provider", null, false), "sub: takes a subject containing @");
    assertTrue(s.includes(true, "z", "SECOND@uni.example", true));
    assertFalse(s.includes(true, "bossy", "boss@uni.example", true));
    assertFalse(Superusers.parse("").includes(true, "", "", true));
  }

  @Test
  void malformedSuperuserListStopsTheStart() {
    ConfigException e = assertThrows(ConfigException.class, () -> AppConfig.withOverrides(Map.of("admin.superusers", "a b, c")));
    assertTrue(e.getMessage().contains("admin.superusers"), e.getMessage());
    assertDoesNotThrow(() -> AppConfig.withOverrides(Map.of("admin.superusers", "a, b@c.d")));
  }

  @Test
  void eachRoleMayDoItsShareForItsOwnCoursesOnly() {
    Staff teacher = new Staff(1, "t", "T", false, Map.of(11L, Set.of(Staff.Role.TEACHER)));
    Staff admin = new Staff(2, "a", "A", false, Map.of(12L, Set.of(Staff.Role.COURSE_ADMIN)));
    Staff boss = new Staff(3, "b", "B", true, Map.of());
    Staff nobody = new Staff(4, "n", "N", false, Map.of());
    assertTrue(teacher.canRead(11));
    assertFalse(teacher.canManage(11));
    assertFalse(teacher.canRead(12));
    assertFalse(teacher.managesAny());
    assertTrue(admin.canRead(12) && admin.canManage(12) && admin.managesAny());
    assertFalse(admin.canRead(11));
    assertTrue(boss.canRead(99) && boss.canManage(99) && boss.hasAnyRole());
    assertFalse(nobody.hasAnyRole());
  }

  @Test
  void csvCellsAreQuotedAndFormulasDefused() {
    assertEquals("plain", Exports.cell("plain"));
    assertEquals("\"a;b\"", Exports.cell("a;b"));
    assertEquals("\"say \"\"hi\"\"\"", Exports.cell("say \"hi\""));
    assertEquals("'=SUM(A1)", Exports.cell("=SUM(A1)"));
    assertEquals("'@cmd", Exports.cell("@cmd"));
    assertEquals("-12.5", Exports.cell("-12.5"), "negative numbers stay numbers");
  }
}
