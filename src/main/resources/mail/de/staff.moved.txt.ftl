<#-- staff.moved (de), plain text; also sets the subject. fromCourse names the course left. -->
<#import "/text.ftl" as t>
<#assign subject>Kurswechsel: ${(course.name)!""}</#assign>
<@t.hello/>

das Kursteam hat Ihre Anmeldung<#if fromCourse??> vom Kurs <@t.coursePhrase c=fromCourse/></#if> in den Kurs <@t.coursePhrase c=course!{}/> verlegt.

<@t.stateLine/>

<@t.courseFacts/>

<@t.payment/>

<@t.statusLink/>

<@t.signoffLink/>

<@t.footer/>
