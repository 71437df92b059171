package org.opensignup.admin;

import org.junit.jupiter.api.Test;
import org.opensignup.bus.SeatCommand;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which part of a semester each staff seat command writes to, so the archive check looks at the right rows. */
class SemesterGuardTest {

  @Test
  void everyStaffSeatCommandNamesWhatItChangesAndApplicantsAndDryRunsNameNothing() {
    Map<SeatCommand, List<List<Long>>> cases = new LinkedHashMap<>();
    // expected: languages, courses, attendances
    cases.put(new SeatCommand.Admit(7, true, "boss"), List.of(List.of(), List.of(), List.of(7L)));
    cases.put(new SeatCommand.Remove(8, false, "boss"), List.of(List.of(), List.of(), List.of(8L)));
    cases.put(new SeatCommand.Move(9, 12, true, "boss"), List.of(List.of(), List.of(12L), List.of(9L)));
    cases.put(new SeatCommand.Add(3, 14, true, "boss"), List.of(List.of(), List.of(14L), List.of()));
    cases.put(new SeatCommand.SetSeats(15, 30, "boss"), List.of(List.of(), List.of(15L), List.of()));
    cases.put(new SeatCommand.Draw(2L, null, false, "boss", null), List.of(List.of(2L), List.of(), List.of()));
    cases.put(new SeatCommand.Draw(2L, 42L, true, "boss", null), List.of(List.of(), List.of(), List.of()));
    cases.put(new SeatCommand.Draw(null, null, false, null, null), List.of(List.of(), List.of(), List.of()));
    cases.put(new SeatCommand.SignOff("secret"), List.of(List.of(), List.of(), List.of()));
    cases.put(new SeatCommand.ExpireOffers(null), List.of(List.of(), List.of(), List.of()));
    cases.forEach((command, expected) -> {
      SemesterGuard.Targets t = SemesterGuard.of(command);
      assertEquals(expected, List.of(t.languages, t.courses, t.attendances), command.toString());
    });
  }
}
